/** Undoes test/global-setup.cjs; the migrated template stays for the next run. */
module.exports = async function globalTeardown() {
  const state = globalThis.__LANTERN_TEST_DBS__;
  if (!state) return;
  if (state.kind === 'embedded') {
    for (const { db, server } of state.servers) {
      await server.stop();
      await db.close();
    }
    // Data sets whose suite did not stop them (it failed, or was left out by --bail).
    for (const child of state.children) await child.stop();
  } else if (!process.env.LANTERN_KEEP_TEST_DB) {
    const { Client } = require('pg');
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    for (const name of state.created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
};

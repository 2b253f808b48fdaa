const { randomBytes } = require('node:crypto');

/**
 * Starts one database per jest worker before any test file runs:
 * - with DATABASE_URL: fresh databases `lantern_test_<run>_<n>` on that server (dropped afterwards);
 * - without: in-memory embedded PGlite servers on free loopback ports.
 * Test files find theirs through LANTERN_TEST_DATABASES and JEST_WORKER_ID.
 */
module.exports = async function globalSetup(globalConfig) {
  const workers = Math.max(1, globalConfig.maxWorkers || 1);
  const targets = [];
  if (process.env.DATABASE_URL) {
    const { Client } = require('pg');
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    const run = randomBytes(4).toString('hex');
    const created = [];
    for (let i = 1; i <= workers; i++) {
      const name = `lantern_test_${run}_${i}`;
      await admin.query(`CREATE DATABASE ${name}`);
      created.push(name);
      const url = new URL(process.env.DATABASE_URL);
      url.pathname = `/${name}`;
      targets.push({ kind: 'server', url: url.toString() });
    }
    await admin.end();
    globalThis.__LANTERN_TEST_DBS__ = { kind: 'server', created };
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const servers = [];
    for (let i = 1; i <= workers; i++) {
      const db = await PGlite.create();
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
      await server.start();
      const port = server.server.address().port;
      servers.push({ db, server });
      targets.push({ kind: 'embedded', host: '127.0.0.1', port });
    }
    globalThis.__LANTERN_TEST_DBS__ = { kind: 'embedded', servers };
  }
  process.env.LANTERN_TEST_DATABASES = JSON.stringify(targets);
};

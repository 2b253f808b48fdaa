// An in-memory PGlite on a free loopback port, for the tests: started from the snapshot file of
// argv[2] (a migrated database, test/global-setup.cjs), it prints its port and stops when its stdin
// closes or it is sent SIGTERM. A process of its own: PGlite cannot start inside a jest test file
// (docs/architecture.md, trap 3), and a big data set's queries do not block the tests' event loop.
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const db = await PGlite.create({ loadDataDir: new Blob([await readFile(process.argv[2])]) });
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
await server.start();
process.stdout.write(`${server.server.address().port}\n`);
process.stdin.on('end', async () => {
  await server.stop();
  await db.close();
  process.exit(0);
});
process.stdin.resume();

import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DatabaseTarget } from '../database/data-source-options.js';
import { runMigrations } from '../database/migrate.js';
import { testDatabase } from './test-app.js';

export interface ScratchDatabase {
  target: DatabaseTarget;
  drop(): Promise<void>;
}

/**
 * A migrated database of its own, for a test that writes what other test files of the same jest worker
 * must not see (the demo organization and its fixed sign-in names, say). On a server it is a fresh
 * database next to the worker's; embedded, an in-memory PGlite served on a free loopback port.
 */
export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const worker = testDatabase();
  let scratch: ScratchDatabase;
  if (worker.kind === 'server') {
    const name = `lantern_scratch_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: worker.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(worker.url);
    url.pathname = `/${name}`;
    scratch = {
      target: { kind: 'server', url: url.toString() },
      async drop() {
        const client = new Client({ connectionString: worker.url });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const db = await PGlite.create();
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
    await server.start();
    const address = (server as unknown as { server: { address(): { port: number } } }).server.address();
    scratch = {
      target: { kind: 'embedded', host: '127.0.0.1', port: address.port },
      async drop() {
        await server.stop();
        await db.close();
      },
    };
  }
  await runMigrations(scratch.target);
  return scratch;
}

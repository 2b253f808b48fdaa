import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DatabaseTarget } from '../kernel/database/data-source-options.js';
import { runMigrations } from '../kernel/database/migrate.js';
import { testDatabase } from './test-app.js';

/** An in-memory PGlite on a free loopback port: prints the port, stops when its stdin closes. */
const EMBEDDED_SERVER = `
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
const db = await PGlite.create();
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
await server.start();
process.stdout.write(server.server.address().port + '\\n');
process.stdin.on('end', async () => { await server.stop(); await db.close(); process.exit(0); });
process.stdin.resume();
`;

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
    // PGlite cannot start inside a jest test file (its dynamic imports need --experimental-vm-modules,
    // docs/architecture.md trap 3), so the scratch one runs in a child process of its own, served on a free port.
    const child = spawn(process.execPath, ['--input-type=module', '-e', EMBEDDED_SERVER], { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'inherit'] });
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(Number(out.trim()));
      });
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`scratch PGlite exited with ${code}`)));
    });
    scratch = {
      target: { kind: 'embedded', host: '127.0.0.1', port },
      async drop() {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.stdin.end();
        await exited;
      },
    };
  }
  await runMigrations(scratch.target);
  return scratch;
}

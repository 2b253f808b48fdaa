import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import type { DatabaseTarget } from '../kernel/database/data-source-options.js';
import { runMigrations } from '../kernel/database/migrate.js';
import { testDatabase } from './test-app.js';

/**
 * An in-memory PGlite on a free loopback port: prints the port, stops when its stdin closes. Started
 * from a snapshot of a migrated database when one is given (argv[1]); a line on stdin naming a file
 * writes the database's snapshot there (atomically) and answers `dumped`.
 */
const EMBEDDED_SERVER = `
import { readFile, rename, writeFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
const from = process.argv[1];
const db = await PGlite.create(from ? { loadDataDir: new Blob([await readFile(from)]) } : {});
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
await server.start();
process.stdout.write(server.server.address().port + '\\n');
let pending = '';
process.stdin.on('data', async (chunk) => {
  pending += chunk.toString();
  const end = pending.indexOf('\\n');
  if (end < 0) return;
  const path = pending.slice(0, end);
  pending = pending.slice(end + 1);
  const dump = await db.dumpDataDir('none');
  const partial = path + '.' + process.pid;
  await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
  await rename(partial, path);
  process.stdout.write('dumped\\n');
});
process.stdin.on('end', async () => { await server.stop(); await db.close(); process.exit(0); });
process.stdin.resume();
`;

export interface ScratchDatabase {
  target: DatabaseTarget;
  drop(): Promise<void>;
}

/**
 * What the migrations are: the names and contents of migrations/*.ts. A snapshot or template made
 * under other migrations is never reused.
 */
function migrationsFingerprint(): string {
  const dir = resolve(__dirname, '../../../../migrations');
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts')).sort()) hash.update(name).update(readFileSync(join(dir, name)));
  return hash.digest('hex').slice(0, 16);
}

/**
 * A migrated database of its own, for a test that writes what other test files of the same jest worker
 * must not see (the demo organization and its fixed sign-in names, say). On a server it is a fresh
 * database next to the worker's; embedded, an in-memory PGlite served on a free loopback port.
 *
 * Migrating a database from nothing takes seconds (tens of seconds on a loaded machine, issue 10), so
 * it is done once per set of migrations: on a server into a template database that later scratch
 * databases are copied from (`CREATE DATABASE … TEMPLATE`), embedded into a snapshot file that later
 * PGlites start from, both named after the migrations' contents.
 */
export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const worker = testDatabase();
  return worker.kind === 'server' ? serverScratch(worker.url) : embeddedScratch();
}

async function withAdmin<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const databaseUrl = (url: string, name: string): string => {
  const copy = new URL(url);
  copy.pathname = `/${name}`;
  return copy.toString();
};

async function serverScratch(workerUrl: string): Promise<ScratchDatabase> {
  const template = `lantern_scratch_template_${migrationsFingerprint()}`;
  const name = `lantern_scratch_${randomBytes(4).toString('hex')}`;
  await withAdmin(workerUrl, async (admin) => {
    // One builder at a time across jest workers; a copy needs the template to have no other session.
    await admin.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [template]);
    try {
      const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (found.rowCount === 0) {
        // Templates of earlier migrations are of no use any more.
        const stale = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'lantern\\_scratch\\_template\\_%' AND datname <> $1`, [template]);
        for (const { datname } of stale.rows as { datname: string }[]) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
        await admin.query(`CREATE DATABASE ${template}`);
        try {
          await runMigrations({ kind: 'server', url: databaseUrl(workerUrl, template) });
        } catch (error) {
          await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
          throw error;
        }
      }
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [template]);
    }
  });
  return {
    target: { kind: 'server', url: databaseUrl(workerUrl, name) },
    drop: () => withAdmin(workerUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => undefined)),
  };
}

async function embeddedScratch(): Promise<ScratchDatabase> {
  const snapshot = join(tmpdir(), `lantern-scratch-${migrationsFingerprint()}.tar`);
  const fromSnapshot = existsSync(snapshot);
  // PGlite cannot start inside a jest test file (its dynamic imports need --experimental-vm-modules,
  // docs/architecture.md trap 3), so the scratch one runs in a child process of its own, served on a free port.
  const child = spawn(process.execPath, ['--input-type=module', '-e', EMBEDDED_SERVER, ...(fromSnapshot ? [snapshot] : [])], {
    cwd: process.cwd(),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (let end = out.indexOf('\n'); end >= 0; end = out.indexOf('\n')) {
      const line = out.slice(0, end);
      out = out.slice(end + 1);
      const next = waiting.shift();
      if (next) next(line);
      else lines.push(line);
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      const early = lines.shift();
      if (early !== undefined) return resolve(early);
      waiting.push(resolve);
      void exited.then(() => reject(new Error('the scratch PGlite exited')));
    });
  child.once('error', () => undefined);
  const port = Number(await nextLine());
  const scratch: ScratchDatabase = {
    target: { kind: 'embedded', host: '127.0.0.1', port },
    async drop() {
      child.stdin.end();
      await exited;
    },
  };
  if (!fromSnapshot) {
    await runMigrations(scratch.target);
    child.stdin.write(`${snapshot}\n`);
    if ((await nextLine()) !== 'dumped') throw new Error('the scratch PGlite did not write its snapshot');
  }
  return scratch;
}

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Client } from 'pg';
import type { DatabaseTarget } from '../kernel/database/data-source-options.js';
import type { PreparedInfo, PreparedName } from './prepared-data.js';
import { testDatabase } from './test-app.js';

/** A database test/global-setup.cjs prepared: a server database, or an embedded snapshot file. */
type Source = { kind: 'server'; name: string } | { kind: 'embedded'; file: string };
/** A data set's database: on the server, or an embedded PGlite process of global setup's. */
type DataSet = { kind: 'server'; name: string } | { kind: 'embedded'; host: string; port: number; pid: number };

interface Prepared {
  /** The migrated template, to be copied. */
  migrated: Source;
  /** The bulk data sets this run needs (testing/prepared-data.ts), and what their builders returned. */
  data: { [N in PreparedName]?: { database: DataSet; info: PreparedInfo<N> } };
}

function prepared(): Prepared {
  const json = process.env.LANTERN_TEST_PREPARED;
  if (!json) throw new Error('No prepared test databases: run the tests through jest (globalSetup prepares them)');
  return JSON.parse(json) as Prepared;
}

export interface ScratchDatabase {
  target: DatabaseTarget;
  drop(): Promise<void>;
}

/**
 * A migrated database of its own, for a test that writes what other test files of the same jest worker
 * must not see (the demo organization and its fixed sign-in names, say): a copy of the template global
 * setup migrated. On a server it is a new database next to the worker's (`CREATE DATABASE … TEMPLATE`),
 * embedded an in-memory PGlite started from the snapshot, served on a free loopback port.
 */
export async function createScratchDatabase(): Promise<ScratchDatabase> {
  return copyOf(prepared().migrated);
}

/**
 * A database of its own holding the bulk data set `name` (testing/prepared-data.ts), and what its
 * builder returned. Global setup builds the set for the one suite that reads it, when that suite is in
 * the run; the suite drops it when done. Run some other way (a test list global setup could not know),
 * the set is built here, into a scratch database, which is slow.
 */
export async function preparedScratch<N extends PreparedName>(name: N): Promise<{ scratch: ScratchDatabase; info: PreparedInfo<N> }> {
  const ready = prepared().data[name];
  if (ready) return { scratch: dataSet(ready.database), info: ready.info as PreparedInfo<N> };
  const { buildPreparedData } = await import('./prepared-data.js');
  const scratch = await createScratchDatabase();
  try {
    return { scratch, info: await buildPreparedData(name, scratch.target) };
  } catch (error) {
    await scratch.drop();
    throw error;
  }
}

function dataSet(database: DataSet): ScratchDatabase {
  if (database.kind === 'embedded') {
    return {
      target: { kind: 'embedded', host: database.host, port: database.port },
      // The process is global setup's: it stops on SIGTERM (test/pglite-server.mjs).
      drop: async () => void process.kill(database.pid, 'SIGTERM'),
    };
  }
  const worker = testDatabase();
  if (worker.kind !== 'server') throw new Error('a server data set with an embedded worker database');
  return {
    target: { kind: 'server', url: databaseUrl(worker.url, database.name) },
    drop: () => withAdmin(worker.url, (admin) => admin.query(`DROP DATABASE IF EXISTS ${database.name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function copyOf(source: Source): Promise<ScratchDatabase> {
  if (source.kind === 'embedded') return embeddedCopy(source.file);
  const worker = testDatabase();
  if (worker.kind !== 'server') throw new Error('a server template with an embedded worker database');
  const name = `lantern_scratch_${randomBytes(4).toString('hex')}`;
  await withAdmin(worker.url, (admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${source.name}`));
  return {
    target: { kind: 'server', url: databaseUrl(worker.url, name) },
    drop: () => withAdmin(worker.url, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
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

async function embeddedCopy(snapshot: string): Promise<ScratchDatabase> {
  // PGlite cannot start inside a jest test file (its dynamic imports need --experimental-vm-modules,
  // docs/architecture.md trap 3), so the copy runs in a child process of its own, served on a free port.
  const child = spawn(process.execPath, [resolve(__dirname, '../../test/pglite-server.mjs'), snapshot], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.once('error', () => undefined);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(Number(out.slice(0, out.indexOf('\n'))));
    });
    void exited.then(() => reject(new Error('the scratch PGlite exited')));
  });
  return {
    target: { kind: 'embedded', host: '127.0.0.1', port },
    async drop() {
      child.stdin.end();
      await exited;
    },
  };
}

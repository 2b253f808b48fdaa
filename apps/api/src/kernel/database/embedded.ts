import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface EmbeddedDatabase {
  /** node-postgres's form of a Unix socket: its directory as the host, the port naming the file in it. */
  host: string;
  port: number;
  close(): Promise<void>;
}

type FromWorker = { type: 'ready' } | { type: 'closed'; error?: string };

/** The port in the socket file's name (`.s.PGSQL.<port>`), as node-postgres and libpq name it. */
const SOCKET_PORT = 5432;

/**
 * The worker's entry: plain JavaScript next to this file, so it runs as it is from dist/ (tsc emits it
 * there, see tsconfig.app.json) and from src/ under jest (@swc/jest turns `import.meta.url` into this
 * file's path; the worker thread itself runs under plain node, outside jest's module system).
 */
const WORKER = new URL('./embedded-worker.mjs', import.meta.url);

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Starts PGlite (PostgreSQL compiled to WebAssembly) in a worker thread of this process and serves it on
 * a Unix socket, so the ordinary `pg` driver and the same migrations run on it as on a PostgreSQL
 * server. The socket is in a directory of its own that only this user can enter (`mkdtemp` makes it
 * 0700): PGlite takes any password, and a loopback port is open to every user of the machine. A socket
 * also costs the API less than TCP on every statement (docs/benchmarks.md, "Prepared statements on the
 * embedded database"). `port` > 0 serves the same database on that loopback port too (the browser
 * journeys read a raw column through it); 0 serves none. The directory goes when the database closes.
 * PGlite runs each query synchronously: on its own thread a slow query (a metrics release, say) no
 * longer stalls every other request of the API. A thread rather than a child process: it shares the
 * process id (the data-dir lock names this process) and cannot outlive the API holding the data open.
 * PGlite is one session: the pool that talks to it must have exactly one connection (docs/architecture.md, trap 1).
 * `dataDir` null keeps the database in memory (tests). A worker that fails before it serves (a broken
 * data directory, a crash) rejects the returned promise.
 */
export async function startEmbeddedDatabase(dataDir: string | null, port = 0): Promise<EmbeddedDatabase> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const socketDir = mkdtempSync(join(tmpdir(), 'lantern-db-'));
  const worker = new Worker(WORKER, { workerData: { dataDir, socketPath: join(socketDir, `.s.PGSQL.${SOCKET_PORT}`), port } });

  let exited = false;
  const exit = new Promise<number>((resolve) =>
    worker.once('exit', (code) => {
      exited = true;
      resolve(code);
    }),
  );

  const removeSocketDir = () => rmSync(socketDir, { recursive: true, force: true });
  await new Promise<void>((resolve, reject) => {
    const onMessage = (message: FromWorker) => {
      if (message.type !== 'ready') return;
      settle();
      resolve();
    };
    const onError = (error: Error) => {
      settle();
      reject(new Error(`The embedded database did not start${dataDir ? ` (data directory ${dataDir})` : ''}: ${messageOf(error)}`, { cause: error }));
    };
    const onExit = (code: number) => {
      settle();
      reject(new Error(`The embedded database stopped (exit code ${code}) before it was ready${dataDir ? ` (data directory ${dataDir})` : ''}`));
    };
    const settle = () => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    };
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  }).catch((error: unknown) => {
    removeSocketDir();
    throw error;
  });

  // Once serving, a dead worker means the database is gone: say so once (the pool then fails fast with
  // 503 and /api/ready fails), rather than crash the process with an unhandled 'error' event.
  let closing = false;
  worker.on('error', (error) => {
    process.stderr.write(`${JSON.stringify({ level: 50, msg: 'embedded database failed', type: error.name, error: messageOf(error) })}\n`);
  });
  void exit.then((code) => {
    if (!closing) process.stderr.write(`${JSON.stringify({ level: 50, msg: 'embedded database stopped unexpectedly', code })}\n`);
  });

  let closed: Promise<void> | null = null;
  return {
    host: socketDir,
    port: SOCKET_PORT,
    close() {
      closed ??= (async () => {
        closing = true;
        if (exited) return removeSocketDir();
        // The worker finishes the statement it is running, stops serving and closes PGlite, which
        // leaves the data directory consistent; only then is the thread ended.
        const reply = await new Promise<FromWorker | null>((resolve) => {
          worker.on('message', (message: FromWorker) => {
            if (message.type === 'closed') resolve(message);
          });
          void exit.then(() => resolve(null));
          worker.postMessage({ type: 'close' });
        });
        await worker.terminate();
        removeSocketDir();
        if (reply?.type === 'closed' && reply.error) throw new Error(`The embedded database did not close cleanly: ${reply.error}`);
      })();
      return closed;
    },
  };
}

// The embedded PostgreSQL's own thread (started by embedded.ts). PGlite is WebAssembly and runs every
// query synchronously: here a long query blocks only this thread, never the API's event loop, while
// the API keeps talking to it over the loopback socket with the ordinary `pg` driver.
//
// Plain JavaScript on purpose: a worker runs outside TypeScript (under plain node from dist/, and beside
// jest, which does not compile worker threads), and it only needs the PGlite packages, which are JS.
//
// Protocol: workerData { dataDir: string | null, socketPath: string, port: number }; the thread posts
// { type: 'ready' } once it serves, or throws (the parent sees 'error'). On { type: 'close' } from the
// parent it stops serving, closes the database (flushing it to the data directory) and posts
// { type: 'closed' }.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler, PGLiteSocketServer } from '@electric-sql/pglite-socket';

// The client sends a statement's protocol messages together (pg: Parse, Bind, Describe, Execute, Sync);
// pglite-socket runs them one by one and writes every piece of every answer to the socket as PGlite
// produces it, a system call each. The socket is corked while one chunk of the client's messages is
// handled, so their answers leave together in one write when it is done (20 case lists and 20 partner
// inboxes: 1,793 writes by the API process before, 531 after; docs/benchmarks.md, "The office's tail and
// the partner inbox's consent grounds"). Nothing waits on the client meanwhile: it sent the chunk whole.
const handleData = PGLiteSocketHandler.prototype.handleData;
PGLiteSocketHandler.prototype.handleData = async function corkedHandleData(data) {
  const socket = this.socket;
  socket?.cork();
  try {
    return await handleData.call(this, data);
  } finally {
    socket?.uncork();
  }
};

const { dataDir, socketPath, port } = workerData;
const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
// Lantern's pools hold one connection; a server accepts a few so a pool that is closing and the
// next one opening (migrations, then the app) do not race. They must never be used concurrently.
// The API talks over a Unix socket in a directory only this user can enter (embedded.ts); a loopback
// port is served as well only when one is asked for (LANTERN_EMBEDDED_DB_PORT: the browser journeys).
const servers = [new PGLiteSocketServer({ db, path: socketPath, maxConnections: 4 })];
if (port) servers.push(new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 4 }));
try {
  for (const server of servers) await server.start();
} catch (error) {
  for (const server of servers) await server.stop().catch(() => {});
  await db.close().catch(() => {});
  throw error;
}

parentPort.on('message', async (message) => {
  if (message?.type !== 'close') return;
  try {
    for (const server of servers) await server.stop();
    await db.close();
    parentPort.postMessage({ type: 'closed' });
  } catch (error) {
    parentPort.postMessage({ type: 'closed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
  parentPort.close();
});
parentPort.postMessage({ type: 'ready' });

import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';

export interface EmbeddedDatabase {
  host: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts PGlite (PostgreSQL compiled to WebAssembly) in this process and serves it on a loopback port,
 * so the ordinary `pg` driver and the same migrations run on it as on a PostgreSQL server. PGlite is
 * one session: the pool that talks to it must have exactly one connection (STACK.md, trap 1).
 * `dataDir` null keeps the database in memory (tests).
 */
export async function startEmbeddedDatabase(dataDir: string | null, port = 0): Promise<EmbeddedDatabase> {
  // Loaded lazily: PGlite is ESM-only and large, and server deployments never need it.
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  // Lantern's pools hold one connection; the server accepts a few so a pool that is closing and the
  // next one opening (migrations, then the app) do not race. They must never be used concurrently.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 4 });
  await server.start();
  const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return {
    host: '127.0.0.1',
    port: address.port,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}

import { createServer, type AddressInfo } from 'node:net';
import { TEST_KEYS } from './test-config.js';

/** For the suites that start the built API (apps/api/dist/main.js) as a process of its own, or a server beside it. */

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A TCP port nothing listens on now, for a server a test starts. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}

/** The environment of an API process on `port` and the database at `databaseUrl`: the test keys, no web app, no migration on start; `extra` adds to it. */
export function apiProcessEnv(port: number, databaseUrl: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    LANTERN_AUDIT_KEY: TEST_KEYS.auditKey.toString('base64'),
    LANTERN_ENCRYPTION_KEYS: TEST_KEYS.encryptionKeys.map((k) => `${k.id}:${k.key.toString('base64')}`).join(','),
    LANTERN_BLIND_INDEX_KEY: TEST_KEYS.blindIndexKey.toString('base64'),
    LANTERN_SECURE_COOKIES: 'false',
    LANTERN_TRUST_PROXY: 'true',
    LANTERN_MIGRATE_ON_START: 'false',
    LANTERN_WEB_DIST: '/nonexistent',
    ...extra,
  };
}

/** Waits (up to 30 s) until the process answers `readyUrl`; fails with `why()` if it exits or never does. */
export async function untilReady(readyUrl: string, child: { exitCode: number | null }, why: () => string): Promise<void> {
  for (let i = 0; ; i++) {
    if (await fetch(readyUrl).then((r) => r.ok, () => false)) return;
    if (i > 300 || child.exitCode !== null) throw new Error(why());
    await sleep(100);
  }
}

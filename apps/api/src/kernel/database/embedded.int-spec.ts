import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded.js';

async function connect(db: EmbeddedDatabase): Promise<Client> {
  const client = new Client({ host: db.host, port: db.port, user: 'postgres', password: 'postgres', database: 'postgres' });
  await client.connect();
  return client;
}

/**
 * Runs `sql` and counts the turns this thread's event loop completes meanwhile, each a setTimeout(0)
 * (about one a millisecond when the loop is free). Were PGlite on this thread, the query would hold the
 * loop for its whole length: one or two turns, and one stall as long as the query.
 */
async function eventLoopDuring(client: Client, sql: string): Promise<{ ms: number; ticks: number; longestStall: number }> {
  let ticks = 0;
  let running = true;
  let last = performance.now();
  let longestStall = 0;
  const tick = () => {
    const now = performance.now();
    longestStall = Math.max(longestStall, now - last);
    last = now;
    ticks++;
    if (running) setTimeout(tick, 0);
  };
  const started = performance.now();
  setTimeout(tick, 0);
  await client.query(sql);
  running = false;
  const ended = performance.now();
  longestStall = Math.max(longestStall, ended - last);
  return { ms: ended - started, ticks, longestStall };
}

describe('the embedded database', () => {
  let dir: string;
  let db: EmbeddedDatabase;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lantern-embedded-'));
    db = await startEmbeddedDatabase(join(dir, 'pgdata'));
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a long query off the event loop: the API keeps turning meanwhile', async () => {
    const client = await connect(db);
    try {
      // About a second of work inside PGlite (a 5-million-row aggregate).
      const { ms, ticks, longestStall } = await eventLoopDuring(client, 'SELECT sum(x) FROM generate_series(1, 5000000) AS x');
      process.stdout.write(`embedded query ${Math.round(ms)} ms: ${ticks} event-loop turns, longest stall ${Math.round(longestStall)} ms\n`);
      expect(ms).toBeGreaterThan(150);
      // A free loop turns about once a millisecond; in-process PGlite allows one or two turns in all.
      expect(ticks).toBeGreaterThan(ms / 20);
      expect(longestStall).toBeLessThan(ms / 2);
    } finally {
      await client.end();
    }
  });

  it('keeps what was written in its data directory across close and reopen', async () => {
    let client = await connect(db);
    await client.query('CREATE TABLE kept (note text)');
    await client.query(`INSERT INTO kept VALUES ('survives a restart')`);
    await client.end();
    await db.close();
    await db.close(); // closing twice is harmless

    db = await startEmbeddedDatabase(join(dir, 'pgdata'));
    client = await connect(db);
    try {
      const { rows } = await client.query<{ note: string }>('SELECT note FROM kept');
      expect(rows).toEqual([{ note: 'survives a restart' }]);
    } finally {
      await client.end();
    }
  });

  it('fails to start, rather than hang, on a broken data directory', async () => {
    const broken = join(dir, 'broken');
    mkdirSync(join(broken, 'global'), { recursive: true });
    writeFileSync(join(broken, 'PG_VERSION'), '17\n');
    writeFileSync(join(broken, 'global', 'pg_control'), 'not a control file');
    await expect(startEmbeddedDatabase(broken)).rejects.toThrow(/embedded database did not start \(data directory .*broken\)/);
  });
});

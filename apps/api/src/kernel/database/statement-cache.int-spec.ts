import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded.js';
import { StatementCachingClient } from './statement-cache.js';
import { allowingQueuedQueries } from '../../testing/queued-queries.js';

/**
 * The embedded database's client (statement-cache.ts) on a real PGlite, whatever DATABASE_URL says: the
 * server's pools do not use it. The session is one for every connection, so what one client prepares the
 * other sees in `pg_prepared_statements`.
 */
describe('statements prepared once per connection on the embedded database', () => {
  let db: EmbeddedDatabase;
  const open: pg.Client[] = [];

  /** Typed as node-postgres's client: the class's own `query` takes node-postgres's every form. */
  async function client(statementCacheSize?: number): Promise<pg.Client> {
    const c: pg.Client = new StatementCachingClient({ host: db.host, port: db.port, user: 'postgres', password: 'postgres', database: 'postgres', statementCacheSize });
    await c.connect();
    open.push(c);
    return c;
  }
  /** The session's prepared statements: their texts, by name. */
  async function prepared(c: pg.Client): Promise<Map<string, string>> {
    const { rows } = await c.query<{ name: string; statement: string }>("SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'lantern_%'");
    return new Map(rows.map((r) => [r.name, r.statement]));
  }
  const texts = (m: Map<string, string>) => [...m.values()].sort();

  beforeAll(async () => {
    db = await startEmbeddedDatabase(null);
    const setup = new pg.Client({ host: db.host, port: db.port, user: 'postgres', password: 'postgres', database: 'postgres' });
    await setup.connect();
    await setup.query('CREATE TABLE cache_probe (id int PRIMARY KEY, label text)');
    await setup.query("INSERT INTO cache_probe SELECT g, 'row ' || g FROM generate_series(1, 20) AS g");
    await setup.end();
  });
  afterEach(async () => {
    for (const c of open.splice(0)) await c.end().catch(() => undefined);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('prepares a statement with parameters once and answers it again from the prepared one, by every calling form', async () => {
    const c = await client();
    const text = 'SELECT label FROM cache_probe WHERE id = $1';
    expect((await c.query(text, [3])).rows).toEqual([{ label: 'row 3' }]);
    expect((await c.query({ text, values: [4] })).rows).toEqual([{ label: 'row 4' }]);
    const viaCallback = await new Promise((resolve, reject) => c.query(text, [5], (error: Error | null, result: pg.QueryResult) => (error ? reject(error) : resolve(result.rows))));
    expect(viaCallback).toEqual([{ label: 'row 5' }]);
    // One statement in the session for the three calls.
    expect(texts(await prepared(c))).toEqual([text]);
  });

  it("is the client of the embedded database's pool: what TypeORM sends with parameters is prepared", async () => {
    const dataSource = new DataSource(dataSourceOptions({ kind: 'embedded', host: db.host, port: db.port }));
    await dataSource.initialize();
    try {
      const text = 'SELECT label FROM cache_probe WHERE id = $1';
      for (const id of [1, 2]) expect(await dataSource.query(text, [id])).toEqual([{ label: `row ${id}` }]);
      const look = await client();
      expect(texts(await prepared(look))).toEqual([text]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('leaves texts without parameters to the simple protocol, which runs several statements in one text', async () => {
    const c = await client();
    const results = (await c.query('SELECT 1 AS a; SELECT 2 AS b')) as unknown as pg.QueryResult[];
    expect(results.map((r) => r.rows[0])).toEqual([{ a: 1 }, { b: 2 }]);
    expect((await c.query('SELECT label FROM cache_probe WHERE id = 1', [])).rows).toEqual([{ label: 'row 1' }]);
    expect(await prepared(c)).toEqual(new Map());
  });

  it('keeps a name given by the caller as it is', async () => {
    const c = await client();
    await c.query({ name: 'lantern_given', text: 'SELECT label FROM cache_probe WHERE id = $1', values: [2] });
    expect([...(await prepared(c)).keys()]).toEqual(['lantern_given']);
    await c.query('DEALLOCATE lantern_given');
  });

  it('gives two clients of the one session names of their own, and each deallocates only its own when it ends', async () => {
    const a = await client();
    const b = await client();
    const text = 'SELECT count(*)::int AS n FROM cache_probe WHERE id <= $1';
    expect((await a.query(text, [5])).rows).toEqual([{ n: 5 }]);
    // The same text on the other connection: no "prepared statement already exists".
    expect((await b.query(text, [7])).rows).toEqual([{ n: 7 }]);
    const both = await prepared(a);
    expect(both.size).toBe(2);
    expect(texts(both)).toEqual([text, text]);

    await a.end();
    open.splice(open.indexOf(a), 1);
    const left = await prepared(b);
    expect(left.size).toBe(1);
    // b's statement is still there and still answers.
    expect((await b.query(text, [9])).rows).toEqual([{ n: 9 }]);
    expect(await prepared(b)).toEqual(left);
  });

  it('keeps at most its cache size, deallocating the least recently used', async () => {
    const c = await client(3);
    const q = (i: number) => `SELECT label, ${i} AS k FROM cache_probe WHERE id = $1`;
    for (const i of [1, 2, 3]) await c.query(q(i), [i]);
    await c.query(q(1), [1]); // 1 is now the most recently used: 2 goes next.
    await c.query(q(4), [4]);
    expect(texts(await prepared(c))).toEqual([q(1), q(3), q(4)].sort());
    // The one dropped is prepared afresh when it comes back, and answers right.
    expect((await c.query(q(2), [6])).rows).toEqual([{ label: 'row 6', k: 2 }]);
    expect(texts(await prepared(c))).toEqual([q(1), q(2), q(4)].sort());
  });

  it("never queues a caller's query behind its own DEALLOCATE: one query at a time, as TypeORM sends them", async () => {
    const c = await client(2);
    // Every query node-postgres is asked for, and whether the client was already busy with another.
    const busy: string[] = [];
    const original = pg.Client.prototype.query;
    const spy = jest.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
      const state = this as unknown as { _getActiveQuery(): unknown; _queryQueue: unknown[] };
      if (state._getActiveQuery() || state._queryQueue.length > 0) busy.push(String((args[0] as { text?: string }).text ?? args[0]));
      return (original as (...a: unknown[]) => unknown).apply(this, args) as never;
    });
    try {
      const q = (i: number) => `SELECT label, ${i} AS k FROM cache_probe WHERE id = $1`;
      // Every call past the second evicts one (DEALLOCATE), each after the last was answered.
      for (const i of [1, 2, 3, 4, 1, 5]) expect((await c.query(q(i), [i])).rows).toEqual([{ label: `row ${i}`, k: i }]);
    } finally {
      spy.mockRestore();
    }
    expect(busy).toEqual([]);
    expect(texts(await prepared(c))).toHaveLength(2);
  });

  it('sends what is asked for while a DEALLOCATE is under way after it, in the order asked, in every calling form', async () => {
    // Callers who queue on one client, as this test is about (apps/api/test/one-query-at-a-time.cjs).
    await allowingQueuedQueries(async () => {
      const c = await client(1);
      await c.query('CREATE TEMPORARY SEQUENCE cache_order');
      const q = (i: number) => `SELECT nextval('cache_order')::int AS n, label FROM cache_probe WHERE id = $1 AND ${i} > 0`;
      await c.query(q(1), [1]);
      // Asked together, in this order: the first evicts q(1), and the rest are asked while its DEALLOCATE runs.
      const first = c.query(q(2), [2]);
      const second = c.query(q(3), [3]);
      const viaCallback = new Promise<pg.QueryResult>((resolve, reject) => c.query(q(4), [4], (error, result) => (error ? reject(error) : resolve(result))));
      const answers = await Promise.all([first, second, viaCallback, c.query('SELECT 5 AS five')]);
      expect(answers.map((a) => a.rows[0])).toEqual([{ n: 2, label: 'row 2' }, { n: 3, label: 'row 3' }, { n: 4, label: 'row 4' }, { five: 5 }]);
      // The one evicted first is gone from the session; the newest is kept. (The two in between were named
      // and evicted before their Parse was answered: only forgotten, they go when the client ends.)
      const kept = texts(await prepared(c));
      expect(kept).toContain(q(4));
      expect(kept).not.toContain(q(1));
    });
  });

  it('prepares a statement afresh after a schema change altered its result, and the session keeps no stale one', async () => {
    const c = await client();
    const text = 'SELECT * FROM cache_probe WHERE id = $1';
    expect((await c.query(text, [1])).rows).toEqual([{ id: 1, label: 'row 1' }]);
    await c.query('ALTER TABLE cache_probe ADD COLUMN note text');
    try {
      // PostgreSQL refuses the prepared statement once (its result has another column now)...
      await expect(c.query(text, [1])).rejects.toMatchObject({ code: '0A000' });
      // ...and the next call prepares it again.
      expect((await c.query(text, [1])).rows).toEqual([{ id: 1, label: 'row 1', note: null }]);
      expect(texts(await prepared(c))).toEqual([text]);
    } finally {
      await c.query('ALTER TABLE cache_probe DROP COLUMN note');
    }
  });
});

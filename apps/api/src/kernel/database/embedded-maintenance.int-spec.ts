import { DataSource } from 'typeorm';
import { testDatabase } from '../../testing/test-app.js';
import { dataSourceOptions } from './data-source-options.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded.js';
import { EmbeddedMaintenance, type Activity } from './embedded-maintenance.js';

/** The request gate's view, set by each test: null while a request is in flight. */
class FakeActivity implements Activity {
  since: number | null = 0;
  idleSince(): number | null {
    return this.since;
  }
}

interface TableState {
  pages: number;
  allVisible: number;
  tuples: number;
  dead: number;
  vacuums: number;
  analyzes: number;
}

async function stateOf(dataSource: DataSource, table: string): Promise<TableState> {
  await dataSource.query('SELECT pg_stat_force_next_flush()');
  const [row] = (await dataSource.query(
    `SELECT c.relpages::int AS pages, c.relallvisible::int AS "allVisible", c.reltuples::int AS tuples,
            s.n_dead_tup::int AS dead, s.vacuum_count::int AS vacuums, s.analyze_count::int AS analyzes
       FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.relname = $1`,
    [table],
  )) as TableState[];
  return row!;
}

describe('the embedded database maintenance', () => {
  let db: EmbeddedDatabase;
  let dataSource: DataSource;
  const activity = new FakeActivity();
  const now = 100_000;
  const maintenance = () => new EmbeddedMaintenance(dataSource, activity, { quietMillis: 2_000, listMillis: 0, now: () => now, log: () => {} });

  beforeAll(async () => {
    // A database of its own (a worker thread, in memory): the vacuums and the counts are this file's alone.
    db = await startEmbeddedDatabase(null);
    dataSource = new DataSource(dataSourceOptions({ kind: 'embedded', host: db.host, port: db.port }));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.close();
  });
  beforeEach(() => {
    activity.since = 0;
  });

  /** A table written as an office writes: many inserts, then updates and deletes that leave dead rows. */
  async function written(table: string): Promise<void> {
    await dataSource.query(`CREATE TABLE ${table} (id int PRIMARY KEY, organization int NOT NULL, note text NOT NULL)`);
    await dataSource.query(`CREATE INDEX ix_${table}_org ON ${table} (organization, id)`);
    await dataSource.query(`INSERT INTO ${table} SELECT g, g % 7, md5(g::text) FROM generate_series(1, 20000) AS g`);
    await dataSource.query(`UPDATE ${table} SET note = note || 'x' WHERE id % 10 = 0`);
    await dataSource.query(`DELETE FROM ${table} WHERE id > 18000`);
  }

  it('vacuums and analyzes a table after writes: its pages marked all-visible, its dead rows gone, its statistics made', async () => {
    await written('office_rows');
    const before = await stateOf(dataSource, 'office_rows');
    expect(before).toMatchObject({ allVisible: 0, vacuums: 0, analyzes: 0, tuples: -1 });
    expect(before.dead).toBeGreaterThan(2000);

    const m = maintenance();
    const tasks = await m.tasks();
    expect(tasks.find((t) => t.table === '"public"."office_rows"')).toMatchObject({ vacuum: true, analyze: true });

    const steps = await m.runWhileQuiet();
    expect(steps.map((s) => s.table)).toContain('"public"."office_rows"');
    const after = await stateOf(dataSource, 'office_rows');
    expect(after).toMatchObject({ dead: 0, vacuums: 1, analyzes: 1, tuples: 18000 });
    expect(after.pages).toBeGreaterThan(0);
    expect(after.allVisible).toBe(after.pages);

    // The index-only scan the visibility map allows now reads no heap page.
    const [plan] = (await dataSource.query(`EXPLAIN (ANALYZE, FORMAT JSON) SELECT id FROM office_rows WHERE organization = 3 AND id < 5000`)) as { 'QUERY PLAN': [{ Plan: { 'Node Type': string; 'Heap Fetches'?: number } }] }[];
    const node = plan!['QUERY PLAN'][0].Plan;
    expect(node['Node Type']).toBe('Index Only Scan');
    expect(node['Heap Fetches']).toBe(0);

    // Done: nothing is left for it, and asking again does not vacuum the same table again.
    expect((await m.tasks()).map((t) => t.table)).not.toContain('"public"."office_rows"');
    await m.runWhileQuiet();
    expect(await stateOf(dataSource, 'office_rows')).toMatchObject({ vacuums: 1, analyzes: 1 });
  });

  it('waits while a request is in flight or ended less than a moment ago, and then does the work', async () => {
    await written('busy_rows');
    const m = maintenance();
    activity.since = null;
    expect(await m.runWhileQuiet()).toEqual([]);
    activity.since = now - 500;
    expect(await m.runWhileQuiet()).toEqual([]);
    expect(await stateOf(dataSource, 'busy_rows')).toMatchObject({ vacuums: 0, analyzes: 0 });

    activity.since = now - 2_000;
    expect((await m.runWhileQuiet()).map((s) => s.table)).toContain('"public"."busy_rows"');
    expect(await stateOf(dataSource, 'busy_rows')).toMatchObject({ vacuums: 1, analyzes: 1, dead: 0 });
  });

  it('never runs while the one connection is in a transaction, and runs once it has committed', async () => {
    await written('tx_rows');
    const m = maintenance();
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`UPDATE tx_rows SET note = 'in a transaction' WHERE id = 1`);
      expect(m.quiet()).toBe(false);
      expect(await m.runWhileQuiet()).toEqual([]);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    expect(await stateOf(dataSource, 'tx_rows')).toMatchObject({ vacuums: 0 });
    expect((await m.runWhileQuiet()).map((s) => s.table)).toContain('"public"."tx_rows"');
    const [row] = (await dataSource.query(`SELECT note FROM tx_rows WHERE id = 1`)) as { note: string }[];
    expect(row!.note).toBe('in a transaction');
    expect(await stateOf(dataSource, 'tx_rows')).toMatchObject({ vacuums: 1 });
  });

  it('lets a request that comes during a vacuum wait for that table only, and answers it', async () => {
    await written('first_rows');
    await written('second_rows');
    const m = maintenance();
    const first = (await m.tasks()).find((t) => t.table === '"public"."first_rows"')!;
    // The request's statement is sent as the vacuum has the one connection: it queues, then is answered.
    const stepping = m.step(first);
    const answer = dataSource.query(`SELECT count(*)::int AS n FROM second_rows WHERE organization = 3`) as Promise<{ n: number }[]>;
    const [step, [counted]] = await Promise.all([stepping, answer]);
    expect(step).toMatchObject({ table: '"public"."first_rows"', vacuum: true });
    expect(counted!.n).toBe(Array.from({ length: 18000 }, (_, i) => i + 1).filter((id) => id % 7 === 3).length);
    expect(await stateOf(dataSource, 'first_rows')).toMatchObject({ vacuums: 1 });
    await m.runWhileQuiet();
    expect(await stateOf(dataSource, 'second_rows')).toMatchObject({ vacuums: 1 });
  });

  it('stops between tables when a request comes, and does the rest at the next quiet moment', async () => {
    await written('third_rows');
    await written('fourth_rows');
    const m = maintenance();
    // Quiet for the look and the first table; a request is in flight from the second on.
    let looks = 0;
    const wasQuiet = activity.idleSince.bind(activity);
    const spy = jest.spyOn(activity, 'idleSince').mockImplementation(() => (++looks <= 2 ? wasQuiet() : null));
    let steps;
    try {
      steps = await m.runWhileQuiet();
    } finally {
      spy.mockRestore();
    }
    expect(steps).toHaveLength(1);
    const vacuumed = [await stateOf(dataSource, 'third_rows'), await stateOf(dataSource, 'fourth_rows')].map((t) => t.vacuums);
    expect(vacuumed.sort()).toEqual([0, 1]);

    expect((await m.runWhileQuiet()).length).toBeGreaterThan(0);
    expect(await stateOf(dataSource, 'third_rows')).toMatchObject({ vacuums: 1, analyzes: 1 });
    expect(await stateOf(dataSource, 'fourth_rows')).toMatchObject({ vacuums: 1, analyzes: 1 });
  });

  it('starts nothing once stopped, and stop waits for the table in hand', async () => {
    await written('stop_rows');
    const m = maintenance();
    await m.stop();
    expect(m.quiet()).toBe(false);
    expect(await m.runWhileQuiet()).toEqual([]);
    expect(await stateOf(dataSource, 'stop_rows')).toMatchObject({ vacuums: 0 });
  });
});

const server = testDatabase();
(server.kind === 'server' ? describe : describe.skip)('on a PostgreSQL server', () => {
  it('does nothing: the server has its autovacuum', async () => {
    const dataSource = new DataSource(dataSourceOptions(server));
    await dataSource.initialize();
    try {
      const m = new EmbeddedMaintenance(dataSource, { idleSince: () => 0 }, { quietMillis: 0, listMillis: 0, log: () => {} });
      expect(m.quiet()).toBe(false);
      expect(await m.runWhileQuiet()).toEqual([]);
      m.start();
      await m.stop();
    } finally {
      await dataSource.destroy();
    }
  });
});

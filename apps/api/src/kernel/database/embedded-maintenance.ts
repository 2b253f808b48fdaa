import type { DataSource } from 'typeorm';
import { isEmbedded } from './data-source-options.js';

/**
 * Whether the API is serving anyone: the time since which no request has been in flight, or null while
 * one is (main.ts gives the request gate of features/health/graceful-shutdown.ts).
 */
export interface Activity {
  idleSince(): number | null;
}

export interface MaintenanceOptions {
  /** How long the API must have had no request in flight before a table is vacuumed. */
  quietMillis?: number;
  /** How often it looks whether the office is quiet, with tables left to do. */
  checkMillis?: number;
  /** How often it asks the database which tables need work (two catalog statements), when none is left. */
  listMillis?: number;
  /** Where a failed step is said (one JSON line, no SQL or values). */
  log?: (line: Record<string, unknown>) => void;
  now?: () => number;
}

/** One table that needs it, and what it needs. */
export interface MaintenanceTask {
  oid: number;
  table: string;
  pages: number;
  vacuum: boolean;
  analyze: boolean;
}

export interface MaintenanceStep extends MaintenanceTask {
  millis: number;
}

interface TableRow {
  oid: number;
  schema: string;
  name: string;
  pages: number;
  relpages: number;
  allVisible: number;
  tuples: number;
  dead: number;
  inserted: number;
  modified: number;
}

/**
 * Every user table with what decides whether it needs a vacuum or an analyze: its size now, what the
 * last vacuum or analyze recorded (pg_class, kept across restarts) and the rows changed since (the
 * statistics of pg_stat_user_tables, which PGlite keeps only while it runs). pgboss's tables are
 * included: its queue is the table written most.
 */
const TABLES_SQL = `
  SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name,
         (pg_relation_size(c.oid) / current_setting('block_size')::int)::int AS pages,
         c.relpages::int AS relpages, c.relallvisible::int AS "allVisible", c.reltuples::float8 AS tuples,
         coalesce(s.n_dead_tup, 0)::float8 AS dead, coalesce(s.n_ins_since_vacuum, 0)::float8 AS inserted,
         coalesce(s.n_mod_since_analyze, 0)::float8 AS modified
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
   WHERE c.relkind IN ('r', 'm') AND c.relpersistence = 'p'
     AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
   ORDER BY pages, c.oid`;

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/**
 * What the embedded database's missing autovacuum would do (docs/architecture.md, "Embedded database
 * maintenance"). PGlite runs no autovacuum: without a vacuum no page is marked all-visible, so an
 * index-only scan still reads the heap, dead rows stay, and the planner's statistics are the ones the
 * last ANALYZE left. This runs `VACUUM (ANALYZE)` (or either alone) one table at a time, on the same
 * thresholds as PostgreSQL's autovacuum, and only while the office is quiet:
 *
 * - a step starts only when no request has been in flight for `quietMillis` and the pool's one
 *   connection (docs/architecture.md, trap 1) is idle with nobody waiting for it. It then holds that
 *   connection for one table, so nothing else runs on the session meanwhile: a VACUUM can never land
 *   inside someone's transaction (PostgreSQL refuses one there anyway), and a request that arrives waits
 *   for that one table at most, never for the whole database;
 * - it runs only in the API process, started after the migrations (main.ts), and stopped (waiting for
 *   the table in hand) before the database closes. Backups and the CLI's commands on the embedded
 *   database need the data directory's lock, which the API holds, so none of them can overlap it;
 * - a table vacuumed by it is not vacuumed again for its visibility map until it has grown, so pages
 *   that cannot be marked all-visible do not make it loop.
 *
 * On a PostgreSQL server it does nothing: the server's autovacuum does this work.
 */
export class EmbeddedMaintenance {
  private readonly quietMillis: number;
  private readonly checkMillis: number;
  private readonly listMillis: number;
  private pending: MaintenanceTask[] = [];
  private listedAt = Number.NEGATIVE_INFINITY;
  private readonly now: () => number;
  private readonly log: (line: Record<string, unknown>) => void;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;
  /** Pages each table had when this process last vacuumed it. */
  private readonly vacuumedAt = new Map<number, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly activity: Activity,
    options: MaintenanceOptions = {},
  ) {
    this.quietMillis = options.quietMillis ?? 2_000;
    this.checkMillis = options.checkMillis ?? 1_000;
    this.listMillis = options.listMillis ?? 60_000;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? ((line) => process.stdout.write(`${JSON.stringify(line)}\n`));
  }

  /** Looks for work every `checkMillis` until `stop()`. Does nothing on a PostgreSQL server. */
  start(): void {
    if (this.timer || this.stopped || !isEmbedded(this.dataSource)) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.runWhileQuiet()
        .catch((error: unknown) => this.log({ level: 40, msg: 'embedded database maintenance failed', type: error instanceof Error ? error.name : typeof error }))
        .finally(() => (this.running = null));
    }, this.checkMillis);
    this.timer.unref();
  }

  /** No step starts from now on; resolves once the table in hand (if any) is done. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Whether a step may start now: no request for `quietMillis`, the one connection idle, nobody waiting for it. */
  quiet(): boolean {
    if (this.stopped || !this.dataSource.isInitialized || !isEmbedded(this.dataSource)) return false;
    const idleSince = this.activity.idleSince();
    if (idleSince === null || this.now() - idleSince < this.quietMillis) return false;
    const pool = (this.dataSource.driver as unknown as { master?: { waitingCount: number; idleCount: number; totalCount: number } }).master;
    return !!pool && pool.waitingCount === 0 && pool.idleCount === pool.totalCount;
  }

  /** The tables that need a vacuum or an analyze now, smallest first. */
  async tasks(): Promise<MaintenanceTask[]> {
    // The statistics of the statements just run reach pg_stat_user_tables at the next flush.
    await this.dataSource.query('SELECT pg_stat_force_next_flush()');
    const rows = (await this.dataSource.query(TABLES_SQL)) as TableRow[];
    return rows.flatMap((row) => {
      const task = this.taskOf(row);
      return task ? [task] : [];
    });
  }

  /**
   * Autovacuum's thresholds (PostgreSQL's defaults): a vacuum after 50 + 20% dead rows or 1,000 + 20%
   * inserted rows; an analyze after 50 + 10% changed rows, or if the table was never analyzed. And, since
   * the counts are lost when PGlite restarts, a vacuum when more than a tenth of the table's pages (and
   * at least 8) are not marked all-visible, unless this process vacuumed it already at about that size.
   */
  private taskOf(row: TableRow): MaintenanceTask | null {
    if (row.pages === 0) return null;
    const tuples = Math.max(row.tuples, 0);
    const notVisible = row.pages - Math.min(row.allVisible, row.pages);
    const vacuumedAt = this.vacuumedAt.get(row.oid);
    const grown = vacuumedAt === undefined || row.pages > vacuumedAt * 1.1 + 8;
    const vacuum = row.dead > 50 + 0.2 * tuples || row.inserted > 1_000 + 0.2 * tuples || (grown && notVisible >= Math.max(8, 0.1 * row.pages));
    const analyze = row.tuples < 0 || row.modified > 50 + 0.1 * tuples;
    if (!vacuum && !analyze) return null;
    return { oid: row.oid, table: `${quote(row.schema)}.${quote(row.name)}`, pages: row.pages, vacuum, analyze };
  }

  /**
   * One table, if the office is quiet: holds the pool's one connection for its statement and lets it go.
   * Null when it was not quiet (nothing ran).
   */
  async step(task: MaintenanceTask): Promise<MaintenanceStep | null> {
    if (!this.quiet()) return null;
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      const started = performance.now();
      const what = task.vacuum ? `VACUUM${task.analyze ? ' (ANALYZE)' : ''}` : 'ANALYZE';
      await runner.query(`${what} ${task.table}`);
      if (task.vacuum) {
        const [after] = (await runner.query(`SELECT (pg_relation_size($1::oid) / current_setting('block_size')::int)::int AS pages`, [task.oid])) as { pages: number }[];
        this.vacuumedAt.set(task.oid, after?.pages ?? task.pages);
      }
      return { ...task, millis: Math.round(performance.now() - started) };
    } finally {
      await runner.release();
    }
  }

  /**
   * Works through the tables that need it while the office stays quiet; the steps done. The tables left
   * when a request comes are done at the next quiet moment; the database is asked again for work once
   * none is left, every `listMillis` at most.
   */
  async runWhileQuiet(): Promise<MaintenanceStep[]> {
    const done: MaintenanceStep[] = [];
    if (!this.quiet()) return done;
    if (this.pending.length === 0) {
      if (this.now() - this.listedAt < this.listMillis) return done;
      this.listedAt = this.now();
      this.pending = await this.tasks();
    }
    while (this.pending.length > 0) {
      const step = await this.step(this.pending[0]!);
      if (!step) break;
      this.pending.shift();
      done.push(step);
    }
    if (done.length) {
      const longest = done.reduce((a, b) => (b.millis > a.millis ? b : a));
      this.log({ level: 30, msg: 'embedded database maintenance', tables: done.length, millis: done.reduce((sum, s) => sum + s.millis, 0), longest: { table: longest.table, millis: longest.millis }, left: this.pending.length });
    }
    return done;
  }
}

import { createRequire } from 'node:module';
import { Inject, Injectable, Logger, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import PgBoss from 'pg-boss';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { notFound } from '../http/domain-error.js';
import { jobsSettings, type JobsSettings } from './jobs-settings.js';
import { retryOnDeadlock } from './deadlock-retry.js';

export interface JobContext { id: string; name: string; data: Record<string, unknown>; attempt: number }
export interface JobDefinition {
  name: string;                 // e.g. 'referrals.overdue', 'audit.verify', 'mail.deliver'
  schedule?: string;            // cron in UTC (5 fields), run exactly once per tick across all processes
  retryLimit?: number;          // default 3
  retryDelaySeconds?: number;   // default 30, with exponential back-off
  expireInSeconds?: number;     // default 900
  handler: (job: JobContext) => Promise<void>;
}
export interface JobRunSummary { name: string; schedule: string | null; lastRunAt: string | null; lastState: string | null; lastError: string | null; nextRunAt: string | null; failures24h: number; running: boolean }

/** A job that failed for good (its retries used up): what admins are told. No data of the job. */
export interface JobExhausted { name: string; error: string }

export interface SendOptions {
  /** At most one waiting and one running run of this job per key (pg-boss "stately" queues); a duplicate is refused (`null`). */
  singletonKey?: string;
  startAfterSeconds?: number;
  /** Enqueue in the caller's transaction: the job exists only if the transaction commits. */
  manager?: EntityManager;
}

/**
 * A failure a handler reports on purpose: its message (a short code you control, e.g. `ANCHOR_UNREACHABLE`)
 * is what admins see. Any other error is recorded by its class name only (`QueryFailedError`), never its
 * message, which may hold SQL or a value.
 */
export class JobError extends Error {
  constructor(code: string) {
    super(code);
    this.name = 'JobError';
  }
}

export const JOB_DEFAULTS = { retryLimit: 3, retryDelaySeconds: 30, expireInSeconds: 900 } as const;
const SCHEMA = 'pgboss';
const NAME = /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*$/;

// cron-parser is pg-boss's own dependency (it reads the schedules with it): resolved from pg-boss so
// that "next run" is computed by the very parser that decides the ticks.
const cronParser = createRequire(createRequire(import.meta.url).resolve('pg-boss'))('cron-parser') as {
  parseExpression(cron: string, options: { tz: string; currentDate?: Date }): { next(): { toDate(): Date } };
};

/** The short text stored for a failure (pgboss.job.output): a code the handler chose, or an error class. */
export function failureText(error: unknown): string {
  if (error instanceof JobError) return error.message.slice(0, 100);
  const name = error instanceof Error ? error.name : '';
  return /^[A-Za-z][A-Za-z0-9]{0,59}$/.test(name) ? name : 'Error';
}

/** An Error whose serialization (pg-boss stores `serialize-error` of it) is its name and short text only. */
function storedFailure(error: unknown): Error {
  const stored = new Error(failureText(error));
  stored.name = 'JobFailed';
  delete (stored as { stack?: string }).stack;
  return stored;
}

type PgBossDb = { executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }> };

/**
 * pg-boss's `db` option: every statement of pg-boss goes through TypeORM's pool, on both databases. On the
 * embedded one that pool is the single session PGlite has (docs/architecture.md, trap 1), so pg-boss must
 * not open its own. The structured result is used because TypeORM returns `[rows, count]` for an
 * UPDATE/DELETE ... RETURNING, which pg-boss's fetch is.
 */
export function typeormDb(source: DataSource | EntityManager): PgBossDb {
  return {
    async executeSql(text, values = []) {
      if (source instanceof DataSource) {
        const runner = source.createQueryRunner();
        try {
          return { rows: (await runner.query(text, values, true)).records as Record<string, unknown>[] };
        } finally {
          await runner.release();
        }
      }
      const runner = source.queryRunner;
      if (!runner) throw new Error('Jobs: a manager given to send() must belong to a transaction');
      return { rows: (await runner.query(text, values, true)).records as Record<string, unknown>[] };
    },
  };
}

type FetchedJob = { id: string; name: string; data: Record<string, unknown> | null; retryCount: number; retryLimit: number };

/**
 * Durable jobs on PostgreSQL with pg-boss 10 (docs/architecture.md, "Jobs"). The schema is made by a
 * migration (migrations/1796750000000-DurableJobs.ts); pg-boss starts with `migrate: false`. Every
 * process runs the scheduler and the workers: pg-boss makes one process per tick insert a scheduled job
 * (a timestamp claimed in its `version` row, then a singleton per minute), and one worker fetch each job
 * (`FOR UPDATE SKIP LOCKED`). Under NODE_ENV=test the workers are off unless asked for: tests run queued
 * work with `drain()`.
 */
@Injectable()
export class Jobs implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Jobs');
  private readonly definitions = new Map<string, JobDefinition>();
  private readonly workers = new Map<string, string>();
  private readonly exhaustedListeners: ((failure: JobExhausted) => Promise<void>)[] = [];
  private readonly settings: JobsSettings;
  private boss: PgBoss | null = null;
  private starting: Promise<void> | null = null;
  private registering: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.settings = jobsSettings(process.env, config.env, config.databaseUrl === null);
    const probe = this.settings.probeCron;
    if (probe) {
      // Test-only (LANTERN_JOBS_PROBE_CRON): each run says which process ran it, so a test counts runs per tick.
      this.define({ name: 'jobs.probe', schedule: probe, retryLimit: 0, handler: async (job) => this.logger.log(`jobs.probe ran ${job.id} in process ${process.pid}`) });
    }
  }

  /** Call from a module's onModuleInit; idempotent by name (the last definition wins). */
  define(definition: JobDefinition): void {
    if (!NAME.test(definition.name) || definition.name.length > 60) throw new Error(`Jobs: "${definition.name}" is not a job name (lowercase words joined by dots)`);
    if (definition.schedule) cronParser.parseExpression(definition.schedule, { tz: 'UTC' });
    const known = this.definitions.has(definition.name);
    this.definitions.set(definition.name, definition);
    const boss = this.boss;
    if (boss && !this.stopped) {
      // Defined after the start (a test's own job): send() and the others wait for its queue.
      this.registering = this.registering
        .then(() => this.register(boss, definition, known))
        .catch((error: unknown) => this.logger.error(`job ${definition.name}: registration failed (${failureText(error)})`));
    }
  }

  /** Called with each job that failed for good. The notifications feature tells admins (features/jobs). */
  onExhausted(listener: (failure: JobExhausted) => Promise<void>): void {
    this.exhaustedListeners.push(listener);
  }

  names(): string[] {
    return [...this.definitions.keys()].sort();
  }

  async send(name: string, data: Record<string, unknown> = {}, options: SendOptions = {}): Promise<string | null> {
    const boss = await this.ready();
    if (!this.definitions.has(name)) throw new Error(`Jobs: no job is defined as "${name}"`);
    const id = await boss.send(name, data, {
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.startAfterSeconds ? { startAfter: Math.max(1, Math.round(options.startAfterSeconds)) } : {}),
      ...(options.manager ? { db: typeormDb(options.manager) } : {}),
    });
    const worker = this.workers.get(name);
    // A job sent by this process starts now rather than at the worker's next poll (not when it waits
    // for a transaction to commit: the worker would not see it yet and polls again anyway).
    if (id && worker && !options.manager && !options.startAfterSeconds) boss.notifyWorker(worker);
    return id;
  }

  /** Queues one run now (the admin's "Run now"). A run already waiting is that run: its id is returned. */
  async runNow(name: string): Promise<string> {
    if (!this.definitions.has(name)) throw notFound(`Job "${name}"`);
    const id = await this.send(name, { requested: 'now' });
    if (id) return id;
    const { rows } = await typeormDb(this.dataSource).executeSql(
      `SELECT id FROM ${SCHEMA}.job WHERE name = $1 AND state = 'created' AND COALESCE(singleton_key, '') = '' ORDER BY created_on LIMIT 1`,
      [name],
    );
    const waiting = rows[0] as { id: string } | undefined;
    if (!waiting) throw new Error(`Jobs: ${name} could not be queued`);
    return waiting.id;
  }

  async summaries(): Promise<JobRunSummary[]> {
    await this.ready();
    const db = typeormDb(this.dataSource);
    const out: JobRunSummary[] = [];
    for (const name of this.names()) {
      const definition = this.definitions.get(name)!;
      const { rows } = await db.executeSql(SUMMARY_SQL, [name]);
      const row = rows[0] as {
        last_state: string | null; last_run_at: Date | null; last_error: string | null; failures: string; running: string; queued_at: Date | null;
      };
      const nextTick = definition.schedule ? cronParser.parseExpression(definition.schedule, { tz: 'UTC', currentDate: new Date() }).next().toDate() : null;
      const queued = row.queued_at ? new Date(row.queued_at) : null;
      const next = [nextTick, queued].filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
      out.push({
        name,
        schedule: definition.schedule ?? null,
        lastRunAt: row.last_run_at ? new Date(row.last_run_at).toISOString() : null,
        lastState: row.last_state,
        lastError: row.last_error,
        nextRunAt: next ? next.toISOString() : null,
        failures24h: Number(row.failures),
        running: Number(row.running) > 0,
      });
    }
    return out;
  }

  /**
   * Tests: runs the queued work of every job (or of `names`) in this process, one job at a time, until
   * none is due. `includeDelayed` also runs jobs waiting for a retry's back-off or a start time.
   */
  async drain(options: { names?: string[]; includeDelayed?: boolean } = {}): Promise<void> {
    const boss = await this.ready();
    const names = options.names ?? this.names();
    for (let round = 0; round < 1000; round++) {
      let ran = false;
      for (const name of names) {
        const [job] = (await boss.fetch(name, { includeMetadata: true, ignoreStartAfter: options.includeDelayed ?? false })) as unknown as FetchedJob[];
        if (!job) continue;
        ran = true;
        try {
          await this.run(job);
          await boss.complete(name, job.id);
        } catch (error) {
          await boss.fail(name, job.id, error as object);
        }
      }
      if (!ran) return;
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.ready();
  }

  /** Stops the workers (a running job finishes, up to 20 s) and the scheduler; called by app.close(). */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    const boss = this.boss;
    if (!boss) return;
    await this.starting?.catch(() => undefined);
    // wait: resolves once the workers are idle (or the timeout passed: pg-boss then fails what still runs,
    // and it is retried by another process). close: false, the pool is TypeORM's.
    await boss.stop({ graceful: true, wait: true, timeout: this.settings.stopTimeoutMillis, close: false }).catch((error: unknown) => {
      this.logger.warn(`pg-boss stop: ${failureText(error)}`);
    });
    if (this.settings.workers) this.logger.log('jobs: stopped');
  }

  private ready(): Promise<PgBoss> {
    this.starting ??= this.start();
    return this.starting
      .then(() => this.registering)
      .then(() => {
        if (!this.boss) throw new Error('Jobs: not started');
        return this.boss;
      });
  }

  private async start(): Promise<void> {
    const { workers, pollingSeconds } = this.settings;
    const boss = new PgBoss({
      db: typeormDb(this.dataSource),
      schema: SCHEMA,
      // The schema is the migration's (migrations/1796750000000-DurableJobs.ts): pg-boss only checks its version.
      migrate: false,
      supervise: workers,
      schedule: workers,
      pollingIntervalSeconds: pollingSeconds,
      cronWorkerIntervalSeconds: pollingSeconds,
      cronMonitorIntervalSeconds: this.settings.cronMonitorSeconds,
      maintenanceIntervalSeconds: 120,
      clockMonitorIntervalMinutes: 10,
      retentionDays: 7,
      deleteAfterDays: 7,
    });
    // pg-boss reports its own errors (a failed poll, a lost connection) as events; unheard, one would crash the process.
    boss.on('error', (error: unknown) => this.logger.warn(`pg-boss: ${failureText(error)}`));
    await boss.start();
    this.boss = boss;
    // One read of the queues there are: a queue that exists with these settings costs no statement at
    // all, where creating (or updating) each queue at every start cost two a job (docs/architecture.md, Jobs).
    const queues = new Map((await boss.getQueues()).map((q) => [q.name, q]));
    for (const definition of this.definitions.values()) await this.register(boss, definition, false, queues.get(definition.name) ?? null);
    if (workers) {
      // A schedule whose job this version no longer defines (or the test probe) would queue runs nobody takes.
      for (const { name } of (await boss.getSchedules()) as { name: string }[]) if (!this.definitions.has(name)) await boss.unschedule(name);
    }
    if (workers) this.logger.log(`jobs: workers on (${this.definitions.size} jobs, polling every ${pollingSeconds}s)`);
  }

  /**
   * Makes the job's queue, or brings its settings up to date, unless it already exists as defined.
   * `current` is the queue as the database has it (null: none); undefined, it is read here.
   */
  private async register(boss: PgBoss, definition: JobDefinition, known: boolean, current?: PgBoss.QueueResult | null): Promise<void> {
    const queue = {
      // One waiting and one running run per job (and per singletonKey): "run now" twice queues one run.
      name: definition.name,
      policy: 'stately' as const,
      retryLimit: definition.retryLimit ?? JOB_DEFAULTS.retryLimit,
      retryDelay: definition.retryDelaySeconds ?? JOB_DEFAULTS.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: definition.expireInSeconds ?? JOB_DEFAULTS.expireInSeconds,
    };
    const existing = current === undefined ? await boss.getQueue(definition.name) : current;
    if (!existing) {
      await retryOnDeadlock(() => boss.createQueue(definition.name, queue));
      // Another process may have made it first, with the settings of its own version: ours win, as before.
      await retryOnDeadlock(() => boss.updateQueue(definition.name, queue));
    } else if (!sameSettings(existing, queue)) {
      await retryOnDeadlock(() => boss.updateQueue(definition.name, queue));
    }
    if (!this.settings.workers) return;
    if (definition.schedule) await boss.schedule(definition.name, definition.schedule, {}, { tz: 'UTC' });
    else await boss.unschedule(definition.name);
    if (known && this.workers.has(definition.name)) return;
    const id = await boss.work(definition.name, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: this.settings.pollingSeconds }, async (jobs) => {
      for (const job of jobs as unknown as FetchedJob[]) await this.run(job);
    });
    this.workers.set(definition.name, id);
  }

  /** Runs one job; a failure is rethrown as its short text only, and a final one alerts admins. */
  private async run(job: FetchedJob): Promise<void> {
    const definition = this.definitions.get(job.name);
    const attempt = job.retryCount + 1;
    try {
      if (!definition) throw new JobError('NOT_DEFINED');
      await definition.handler({ id: job.id, name: job.name, data: job.data ?? {}, attempt });
    } catch (error) {
      const text = failureText(error);
      const final = job.retryCount >= job.retryLimit;
      this.logger.warn(`job ${job.name} failed (attempt ${attempt} of ${job.retryLimit + 1}): ${text}${final ? '; no retry left' : '; retrying with back-off'}`);
      if (final) await this.exhausted(job.name, text);
      throw storedFailure(error);
    }
  }

  /** Admins are told once a day per job at most: a job that fails every tick does not flood them. */
  private async exhausted(name: string, error: string): Promise<void> {
    try {
      const { rows } = await typeormDb(this.dataSource).executeSql(
        `SELECT 1 FROM (SELECT completed_on, state FROM ${SCHEMA}.job WHERE name = $1 UNION ALL SELECT completed_on, state FROM ${SCHEMA}.archive WHERE name = $1) r
          WHERE r.state = 'failed' AND r.completed_on > now() - interval '24 hours' LIMIT 1`,
        [name],
      );
      if (rows.length > 0) return;
      for (const listener of this.exhaustedListeners) await listener({ name, error });
    } catch (alertError) {
      this.logger.error(`job ${name}: telling admins of its failure failed (${failureText(alertError)})`);
    }
  }
}

/** Whether a queue already has the settings a definition asks for (the ones `register` sets). */
function sameSettings(
  existing: PgBoss.QueueResult,
  wanted: { policy: string; retryLimit: number; retryDelay: number; retryBackoff: boolean; expireInSeconds: number },
): boolean {
  return (
    existing.policy === wanted.policy &&
    existing.retryLimit === wanted.retryLimit &&
    existing.retryDelay === wanted.retryDelay &&
    existing.retryBackoff === wanted.retryBackoff &&
    existing.expireInSeconds === wanted.expireInSeconds
  );
}

/** One job's last run, its failures of the last day, whether one runs, and when the next waiting one starts. */
const SUMMARY_SQL = `
  WITH runs AS (
    SELECT state::text AS state, started_on, completed_on, start_after, output FROM ${SCHEMA}.job WHERE name = $1
    UNION ALL
    SELECT state::text, started_on, completed_on, start_after, output FROM ${SCHEMA}.archive WHERE name = $1
  ), last AS (
    SELECT state, started_on FROM runs WHERE started_on IS NOT NULL ORDER BY started_on DESC LIMIT 1
  )
  SELECT
    (SELECT state FROM last) AS last_state,
    (SELECT started_on FROM last) AS last_run_at,
    (SELECT output->>'message' FROM runs WHERE state IN ('failed', 'retry') AND output IS NOT NULL
       AND COALESCE(completed_on, start_after) > now() - interval '7 days'
       ORDER BY COALESCE(completed_on, started_on) DESC NULLS LAST LIMIT 1) AS last_error,
    (SELECT count(*) FROM runs WHERE state = 'failed' AND completed_on > now() - interval '24 hours') AS failures,
    (SELECT count(*) FROM runs WHERE state = 'active') AS running,
    (SELECT min(start_after) FROM runs WHERE state IN ('created', 'retry')) AS queued_at
`;

/** Import it where a feature defines or sends jobs; one `Jobs` for the whole app. */
@Module({ providers: [Jobs], exports: [Jobs] })
export class JobsModule {}

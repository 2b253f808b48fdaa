import { hkdfSync } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type ExactTable, type ProtectedTable, type PublishedRelease } from '@lantern/anonymize';
import {
  METRIC_DIMENSIONS,
  METRIC_EPSILON_PER_TABLE,
  METRIC_EPSILON_PER_YEAR,
  METRIC_FREEZE_DAYS,
  METRIC_ROUNDING_BASE,
  METRIC_TABLES,
  METRIC_THRESHOLD,
  frozenMetricPeriods,
  isCustomMetricTable,
  metricTable,
  parseMetricPeriod,
  type MetricDimension,
  type MetricCustomTable,
  type MetricReleaseResponse,
  type MetricTableDefinition,
} from '@lantern/contracts';
import { CustomFieldsService } from '../custom-fields/index.js';
import {
  CUSTOM_METRIC_ENTITIES,
  chosenCustomTables,
  customCatalogueEntry,
  customCounts,
  customExactTable,
  customMetricTables,
  recordedCustomDefinition,
  type CustomMetricTable,
} from './custom-metric-tables.js';
import { DataSource, Not, type EntityManager } from 'typeorm';
import { protectOffThread } from './protect-in-worker.js';
import { AuditService } from '../../access/audit/audit.service.js';
import { AuthService } from '../../access/auth/auth.service.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { DomainError, badRequest, notFound } from '../../kernel/http/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../../kernel/config/config.js';
import { Clock } from '../../kernel/config/clock.js';
import { JobError, Jobs, type JobContext } from '../../kernel/jobs/jobs.js';
import type { CreateReleaseDto } from './dto/create-release.dto.js';
import { buildArchive, releaseMetadata } from './metric-archive.js';
import { consentCoverage, exactCounts, type PeriodWindow } from './metric-queries.js';
import { MILLI, MetricBudgetEntry, MetricRelease, columnsWithoutBlobs } from './metric-release.entity.js';

export const METRICS_RELEASE_JOB = 'metrics.release';
/** Retries of a failed build (after the first attempt), with back-off. */
const RELEASE_RETRIES = 2;

const definitionsOf = (ids: readonly string[]): MetricTableDefinition[] => METRIC_TABLES.filter((t) => ids.includes(t.id));


export function exactTableOf(definition: MetricTableDefinition, counts: Record<string, number>): ExactTable {
  return {
    id: definition.id,
    dimensions: definition.dimensions.map((name) => {
      const d: MetricDimension = METRIC_DIMENSIONS[name];
      return { name: d.name, values: d.values, ...(d.bands ? { bands: d.bands } : {}), ...(d.sensitive ? { sensitive: true } : {}) };
    }),
    counts,
    // One survivor adds to up to 3 referral cells, or to one cell per goal domain.
    maxContribution: definition.unit === 'referrals' ? 3 : definition.unit === 'survivor_goal_domains' ? METRIC_DIMENSIONS.goal_domain.values.length : 1,
  };
}

@Injectable()
export class MetricsService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('MetricReleases');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: Jobs,
    private readonly customFields: CustomFieldsService,
  ) {}

  /** The organization's custom tables as its fields stand now (custom-metric-tables.ts). */
  private async customTables(organizationId: string, manager: EntityManager = this.dataSource.manager): Promise<CustomMetricTable[]> {
    return customMetricTables(await this.customFields.metricFields(organizationId, CUSTOM_METRIC_ENTITIES, manager));
  }

  /**
   * Each release is built by a durable job (kernel/jobs/jobs.ts), queued in the transaction that creates
   * the release: it survives a restart, runs once across processes, and a failure is retried with
   * back-off before the release is marked failed.
   */
  onModuleInit(): void {
    this.jobs.define({ name: METRICS_RELEASE_JOB, retryLimit: RELEASE_RETRIES, retryDelaySeconds: 30, expireInSeconds: 1800, handler: (job) => this.buildJob(job) });
  }

  /** Releases queued before builds were jobs (an upgrade) get their job; a waiting job is not duplicated (its key). */
  async onApplicationBootstrap(): Promise<void> {
    await this.requeueWaiting();
  }

  private async requeueWaiting(): Promise<void> {
    const queued = await this.dataSource.manager.find(MetricRelease, { where: { status: 'queued' }, select: { id: true }, order: { createdAt: 'ASC' } });
    for (const { id } of queued) await this.jobs.send(METRICS_RELEASE_JOB, { releaseId: id }, { singletonKey: id });
  }

  /** Tests: builds the releases queued so far, in this process. */
  idle(): Promise<void> {
    return this.jobs.drain({ names: [METRICS_RELEASE_JOB] });
  }

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  async catalogue(): Promise<unknown> {
    const { actor } = currentActor();
    const today = this.today();
    const years = [...new Set(frozenMetricPeriods(today).map((p) => p.year))];
    const budget = await Promise.all(years.map(async (year) => ({ year, spent: (await this.spent(this.dataSource.manager, actor.organizationId, year)) / MILLI, cap: METRIC_EPSILON_PER_YEAR })));
    const custom = (await this.customTables(actor.organizationId)).map(customCatalogueEntry);
    return {
      tables: [...METRIC_TABLES.map((t) => ({ ...t, dimensions: t.dimensions.map((name) => METRIC_DIMENSIONS[name]) })), ...custom],
      periods: frozenMetricPeriods(today),
      freezeDays: METRIC_FREEZE_DAYS,
      threshold: METRIC_THRESHOLD,
      roundingBase: METRIC_ROUNDING_BASE,
      epsilonPerTable: METRIC_EPSILON_PER_TABLE,
      budget,
    };
  }

  async list(): Promise<MetricReleaseResponse[]> {
    const { actor } = currentActor();
    const rows = await this.dataSource.manager.find(MetricRelease, {
      where: { organizationId: actor.organizationId },
      select: { ...columnsWithoutBlobs, metadata: true },
      order: { createdAt: 'DESC' },
      take: 200,
    });
    return rows.map((r) => this.response(r, false));
  }

  async get(id: string): Promise<MetricReleaseResponse> {
    const release = await this.find(id);
    return this.response(release, true);
  }

  private async find(id: string): Promise<MetricRelease> {
    const { actor } = currentActor();
    const release = await this.dataSource.manager.findOne(MetricRelease, {
      where: { id, organizationId: actor.organizationId },
      select: { ...columnsWithoutBlobs, tables: true, metadata: true },
    });
    if (!release) throw notFound('Release');
    return release;
  }

  private response(r: MetricRelease, withTables: boolean): MetricReleaseResponse {
    const coverage = (r.metadata?.coverage as MetricReleaseResponse['coverage']) ?? null;
    return {
      id: r.id,
      period: r.period,
      mode: r.mode,
      status: r.status,
      progress: r.progress,
      tableCount: r.tableIds.length,
      createdAt: r.createdAt.toISOString(),
      createdBy: r.createdBy,
      finishedAt: r.finishedAt?.toISOString() ?? null,
      sha256: r.sha256,
      byteSize: (r.metadata?.byteSize as number | undefined) ?? null,
      epsilonSpent: r.epsilonMillis / MILLI,
      failure: r.failure,
      ...(withTables
        ? {
            tables: ((r.tables ?? []) as ProtectedTable[]).map((t) => {
              const definition = definitionIn(r, t.id);
              return {
                id: t.id,
                title: definition.title,
                unit: definition.unit,
                dimensions: t.dimensions.map((d) => d.name),
                cells: t.cells,
                coverage: t.coverage,
                collapsed: t.collapsed,
                ...(definition.custom ? { custom: definition.custom } : {}),
              };
            }),
            coverage,
          }
        : {}),
    };
  }

  private async spent(manager: EntityManager, organizationId: string, year: number): Promise<number> {
    const [row] = await manager.query(`SELECT coalesce(sum(epsilon_millis), 0)::int AS spent FROM metric_budget_entry WHERE organization_id = $1 AND year = $2`, [organizationId, year]);
    return row.spent as number;
  }

  /** Starts a release, or returns the one already made for this period and mode (`created: false`). */
  async create(dto: CreateReleaseDto): Promise<{ release: MetricReleaseResponse; created: boolean }> {
    const { actor } = currentActor();
    const period = parseMetricPeriod(dto.period);
    if (!period) throw badRequest('period', 'must be a calendar quarter like 2026-Q2 or a year like 2026');
    if (period.frozenOn > this.today()) {
      throw new DomainError('METRICS_PERIOD_NOT_FROZEN', `${period.id} can be released from ${period.frozenOn}, ${METRIC_FREEZE_DAYS} days after it ends`, {
        period: [`is not frozen until ${period.frozenOn}`],
      });
    }
    this.auth.requireStepUp(actor);
    // The catalogue and the tables of the organization's own fields that feed the metrics now (issue 18).
    const custom = chosenCustomTables(dto.tables, await this.customTables(actor.organizationId));
    const tableIds = [...(dto.tables ? definitionsOf(dto.tables) : METRIC_TABLES).map((t) => t.id), ...custom];
    const epsilonMillis = dto.mode === 'noise' ? tableIds.length * METRIC_EPSILON_PER_TABLE * MILLI : 0;

    const outcome = await this.dataSource.transaction(async (manager) => {
      // One release at a time per organization: the ledger and the once-per-period rule are decided under this lock.
      await manager.query('SELECT id FROM organization WHERE id = $1 FOR UPDATE', [actor.organizationId]);
      const existing = await manager.findOne(MetricRelease, {
        where: { organizationId: actor.organizationId, period: period.id, mode: dto.mode, status: Not('failed') },
        select: { ...columnsWithoutBlobs, metadata: true },
      });
      if (existing) return { release: existing, created: false };
      if (epsilonMillis > 0) {
        const spent = await this.spent(manager, actor.organizationId, period.year);
        if (spent + epsilonMillis > METRIC_EPSILON_PER_YEAR * MILLI) {
          const left = Math.floor((METRIC_EPSILON_PER_YEAR * MILLI - spent) / (METRIC_EPSILON_PER_TABLE * MILLI));
          throw new DomainError(
            'METRICS_BUDGET_EXCEEDED',
            `A noisy release of ${tableIds.length} tables needs ε ${epsilonMillis / MILLI}; ${period.year} has ε ${(METRIC_EPSILON_PER_YEAR * MILLI - spent) / MILLI} left of ${METRIC_EPSILON_PER_YEAR}`,
            { tables: [left > 0 ? `choose at most ${left} tables for ${period.year}` : `the privacy budget of ${period.year} is spent`] },
          );
        }
      }
      const release = await manager.save(
        manager.create(MetricRelease, { organizationId: actor.organizationId, period: period.id, mode: dto.mode, status: 'queued', progress: 0, tableIds, epsilonMillis, createdBy: actor.id }),
      );
      if (epsilonMillis > 0) {
        await manager.save(manager.create(MetricBudgetEntry, { organizationId: actor.organizationId, releaseId: release.id, year: period.year, epsilonMillis, createdBy: actor.id }));
      }
      await this.audit.record(manager, { action: 'create', subjectType: 'MetricRelease', subjectId: release.id, fields: tableIds, reason: `${period.id} ${dto.mode}` });
      await this.jobs.send(METRICS_RELEASE_JOB, { releaseId: release.id }, { singletonKey: release.id, manager });
      return { release, created: true };
    });
    return { release: this.response(outcome.release, false), created: outcome.created };
  }

  async download(id: string): Promise<{ archive: Buffer; filename: string; sha256: string }> {
    const { actor } = currentActor();
    const release = await this.dataSource.manager.findOne(MetricRelease, { where: { id, organizationId: actor.organizationId } });
    if (!release) throw notFound('Release');
    if (release.status !== 'done' || !release.archive || !release.sha256) {
      throw new DomainError('METRICS_RELEASE_NOT_READY', release.status === 'failed' ? 'This release failed; start a new one' : 'This release is still being built');
    }
    await this.audit.recordAlone({ action: 'export', subjectType: 'MetricRelease', subjectId: release.id, fields: release.tableIds, reason: `${release.period} ${release.mode}` });
    return { archive: release.archive, filename: `lantern-metrics-${release.period}-${release.mode}.zip`, sha256: release.sha256 };
  }

  /** One attempt at a release. A failure is retried (the job's back-off); the last one marks the release failed. */
  private async buildJob(job: JobContext): Promise<void> {
    const id = typeof job.data.releaseId === 'string' ? job.data.releaseId : null;
    // An admin's "Run now" names no release: it queues every release still waiting for its build.
    if (!id) return this.requeueWaiting();
    const final = job.attempt > RELEASE_RETRIES;
    await this.build(id, final);
  }

  /** The noise key of an organization: derived from the audit key, so a repeat gives identical noise. */
  /** The organization's noise key (HKDF of the audit key), handed to the protection worker. */
  private noiseKeyBytes(organizationId: string): Uint8Array {
    return new Uint8Array(hkdfSync('sha256', this.config.keys.auditKey, organizationId, 'lantern/metrics-noise/v1', 32));
  }

  private async setProgress(id: string, progress: number): Promise<void> {
    await this.dataSource.manager.update(MetricRelease, { id }, { progress });
  }

  private async build(id: string, final: boolean): Promise<void> {
    const manager = this.dataSource.manager;
    const release = await manager.findOne(MetricRelease, { where: { id }, select: columnsWithoutBlobs });
    if (!release || release.status === 'done' || release.status === 'failed') return;
    await manager.update(MetricRelease, { id }, { status: 'running', startedAt: this.clock.now(), progress: 1 });
    try {
      const period = parseMetricPeriod(release.period)!;
      const window: PeriodWindow = {
        organizationId: release.organizationId,
        start: new Date(`${period.start}T00:00:00Z`),
        endExclusive: new Date(Date.parse(`${period.end}T00:00:00Z`) + 86_400_000),
        now: this.clock.now(),
      };
      const definitions = definitionsOf(release.tableIds);
      // A field whose `metrics` flag was turned off (or that was retired) since the release was asked for feeds nothing.
      const custom = (await this.customTables(release.organizationId, manager)).filter((t) => release.tableIds.includes(t.id));
      const steps = definitions.length + custom.length + 2;
      const exact: ExactTable[] = [];
      for (const [i, definition] of definitions.entries()) {
        const { counts } = await exactCounts(manager, definition, window);
        exact.push(exactTableOf(definition, counts));
        await this.setProgress(id, Math.max(1, Math.floor(((i + 1) / steps) * 100)));
      }
      for (const table of custom) exact.push(customExactTable(table, await customCounts(manager, table, window)));
      const people = await consentCoverage(manager, window);
      // Earlier releases (a year's quarters, say) are published: this one is suppressed until no cell
      // of any of them can be narrowed by the two together.
      const earlier = await this.earlierReleases(release);
      const ledger =
        release.mode === 'noise' ? { spent: ((await this.spent(manager, release.organizationId, period.year)) - release.epsilonMillis) / MILLI, cap: METRIC_EPSILON_PER_YEAR } : undefined;
      // The suppression proof and the self-check run on a worker thread (seconds of CPU for a year).
      const { tables, check } = await protectOffThread(
        {
          exact,
          options: {
            period: period.id,
            mode: release.mode,
            threshold: METRIC_THRESHOLD,
            roundingBase: METRIC_ROUNDING_BASE,
            // Tables of one release count the same people (cases opened, cases closed, referrals sent): their
            // totals are one quantity, so none may be hidden in one table and shown in another.
            publishGrandTotals: true,
            ...(release.mode === 'noise' ? { epsilonPerTable: METRIC_EPSILON_PER_TABLE } : {}),
          },
          noiseKey: release.mode === 'noise' ? this.noiseKeyBytes(release.organizationId) : null,
          earlier,
          // The ledger as it stood before this release (the check adds this release's ε itself).
          ledger,
          period: period.id,
        },
        (reason) => this.logger.warn(`protection ran on the main thread: ${reason}`),
      );
      await this.setProgress(id, Math.floor(((steps - 1) / steps) * 100));
      if (!check.ok) {
        // Nothing is written; the problems name tables and cells and stay out of the logs.
        await this.fail(id, `SELF_CHECK_REFUSED: ${check.problems.length} problem(s)`);
        return;
      }
      const metadata = releaseMetadata(period, release, tables, people, (ledger?.spent ?? 0) + release.epsilonMillis / MILLI, new Map(custom.map((t) => [t.id, t])), this.today());
      const { archive, sha256 } = buildArchive({ period, mode: release.mode, tables, metadata });
      await manager.update(MetricRelease, { id }, { status: 'done', progress: 100, tables: tables as object[], metadata: { ...metadata, byteSize: archive.length }, archive, sha256, finishedAt: this.clock.now() });
    } catch (error) {
      this.logger.error(`release ${id} failed: ${error instanceof Error ? error.name : 'error'}${final ? '' : '; retrying'}`);
      if (final) await this.fail(id, 'BUILD_FAILED');
      throw new JobError('BUILD_FAILED');
    }
  }

  private async fail(id: string, failure: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(MetricRelease, { id }, { status: 'failed', failure, finishedAt: this.clock.now() });
      // Nothing was published, so the budget it reserved is given back.
      await manager.delete(MetricBudgetEntry, { releaseId: id });
    });
  }

  private async earlierReleases(release: MetricRelease): Promise<PublishedRelease[]> {
    const rows = await this.dataSource.manager.find(MetricRelease, {
      where: { organizationId: release.organizationId, status: 'done', id: Not(release.id) },
      select: { id: true, period: true, tables: true },
    });
    return rows.map((r) => ({ period: r.period, tables: (r.tables ?? []) as ProtectedTable[] }));
  }

}

/** A table's title and unit: the catalogue's, or for a custom table what its release's metadata recorded. */
const definitionIn = (release: MetricRelease, id: string): { title: string; unit: MetricTableDefinition['unit']; custom?: MetricCustomTable } =>
  isCustomMetricTable(id) ? recordedCustomDefinition(release.metadata, id) : metricTable(id);

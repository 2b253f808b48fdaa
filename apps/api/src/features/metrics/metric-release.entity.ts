import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import type { MetricMode, MetricReleaseStatus } from '@lantern/contracts';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/** ε is stored in thousandths (`epsilonMillis`), integers only: ε = epsilonMillis / MILLI. */
export const MILLI = 1000;

/**
 * One anonymized release of a frozen period (docs/metrics-method.md, "What a release is"): computed once, stored with its
 * metadata, and returned byte for byte afterwards. It holds protected aggregates only — never an
 * identifier, a name or a count below the threshold — so it is stored in the clear.
 */
@Entity('metric_release')
@Index('uq_metric_release_period', ['organizationId', 'period', 'mode'], { unique: true, where: `status <> 'failed'` })
@Check('ck_metric_release_status', `status IN ('queued', 'running', 'done', 'failed')`)
@Check('ck_metric_release_mode', `mode IN ('k', 'noise')`)
export class MetricRelease extends BaseRecord {
  @ForeignKey('Organization', { name: 'fk_metric_release_organization', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  organizationId!: string;

  /** `2026-Q2` or `2026`. */
  @Column({ type: 'varchar', length: 7 })
  period!: string;

  @Column({ type: 'varchar', length: 5 })
  mode!: MetricMode;

  @Column({ type: 'varchar', length: 10, default: 'queued' })
  status!: MetricReleaseStatus;

  /** 0–100 while it is computed. */
  @Column({ type: 'smallint', default: 0 })
  progress!: number;

  /** The catalogue tables it holds, in catalogue order. */
  @Column({ type: 'varchar', length: 60, array: true })
  tableIds!: string[];

  /** The protected tables (what the zip holds), for the web's charts and later self-checks. */
  @Column({ type: 'jsonb', nullable: true })
  tables!: object[] | null;

  @Column({ type: 'jsonb', nullable: true })
  metadata!: Record<string, unknown> | null;

  @Column({ type: 'bytea', nullable: true })
  archive!: Buffer | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  sha256!: string | null;

  /** Privacy budget spent, in thousandths of ε (integers only). */
  @Column({ type: 'integer', default: 0 })
  epsilonMillis!: number;

  /** A code naming why it failed or what its self-check refused; never data. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  failure!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}

/**
 * The noise mode's privacy budget (docs/metrics-method.md, "Noise mode"): one row per noisy release, ε reserved when the
 * release is queued and given back if it fails before anything is published.
 */
@Entity('metric_budget_entry')
@Index('ix_metric_budget_entry_year', ['organizationId', 'year'])
@Index('uq_metric_budget_entry_release', ['releaseId'], { unique: true })
export class MetricBudgetEntry extends BaseRecord {
  @ForeignKey('Organization', { name: 'fk_metric_budget_entry_organization', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ForeignKey('MetricRelease', { name: 'fk_metric_budget_entry_release', onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  releaseId!: string;

  @Column({ type: 'smallint' })
  year!: number;

  @Column({ type: 'integer' })
  epsilonMillis!: number;
}

/** Every scalar column (TypeORM's `select` lists what to load; the zip and the tables stay in the database unless asked for). */
export const columnsWithoutBlobs = {
  id: true,
  organizationId: true,
  period: true,
  mode: true,
  status: true,
  progress: true,
  tableIds: true,
  sha256: true,
  epsilonMillis: true,
  failure: true,
  startedAt: true,
  finishedAt: true,
  createdAt: true,
  updatedAt: true,
  createdBy: true,
  version: true,
} as const;

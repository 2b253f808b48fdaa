import type { ErasureRequestStatus, PurgeKind } from '@lantern/contracts';
import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/**
 * A request to anonymize one survivor (issue 16, part 4). An admin asks, with a reason and a fresh
 * step-up; a second admin of the same organization approves (or rejects); only then does the erasure
 * run (docs/retention.md). At most one request per survivor is pending. The reasons are staff's words
 * about the request, never the file's content.
 */
@Entity('erasure_request')
@Index('ix_erasure_request_org_status', ['organizationId', 'status'])
@Index('uq_erasure_request_pending', ['survivorId'], { unique: true, where: `status = 'pending'` })
@Check('ck_erasure_request_status', `status IN ('pending', 'completed', 'rejected')`)
export class ErasureRequest extends BaseRecord {
  @ForeignKey('Organization', { name: 'fk_erasure_request_organization', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ForeignKey('Survivor', { name: 'fk_erasure_request_survivor', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  survivorId!: string;

  @ForeignKey('User', { name: 'fk_erasure_request_requester', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  requestedBy!: string;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ type: 'varchar', length: 12, default: 'pending' })
  status!: ErasureRequestStatus;

  @ForeignKey('User', { name: 'fk_erasure_request_decider', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  decisionNote!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}

/** A legal hold on a case (issue 16, part 5): while it is not lifted the case is never anonymized. */
@Entity('legal_hold')
@Index('ix_legal_hold_organization', ['organizationId', 'liftedAt'])
@Index('uq_legal_hold_active', ['caseId'], { unique: true, where: `lifted_at IS NULL` })
export class LegalHold extends BaseRecord {
  @ForeignKey('Organization', { name: 'fk_legal_hold_organization', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ForeignKey('Case', { name: 'fk_legal_hold_case', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  caseId!: string;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @ForeignKey('User', { name: 'fk_legal_hold_placed_by', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  placedBy!: string;

  @Column({ type: 'timestamptz' })
  placedAt!: Date;

  @ForeignKey('User', { name: 'fk_legal_hold_lifted_by', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  liftedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  liftedAt!: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  liftReason!: string | null;
}

/** An organization's retention period for closed cases; no row means the default (RETENTION_DEFAULT_YEARS). */
@Entity('retention_policy')
@Index('uq_retention_policy_organization', ['organizationId'], { unique: true })
@Check('ck_retention_policy_years', `closed_case_years BETWEEN 1 AND 50`)
export class RetentionPolicy extends BaseRecord {
  @ForeignKey('Organization', { name: 'fk_retention_policy_organization', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'smallint', default: 7 })
  closedCaseYears!: number;
}

/** One anonymization run, as the purge report lists it: counts and case numbers, nothing else. */
@Entity('purge_run')
@Index('ix_purge_run_organization', ['organizationId', 'ranAt'])
@Check('ck_purge_run_kind', `kind IN ('retention', 'request')`)
export class PurgeRun extends BaseRecord {
  @ForeignKey('Organization', { name: 'fk_purge_run_organization', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: PurgeKind;

  @Column({ type: 'timestamptz' })
  ranAt!: Date;

  @Column({ type: 'integer' })
  survivors!: number;

  @Column({ type: 'integer' })
  cases!: number;

  @Column({ type: 'varchar', length: 20, array: true, default: () => "'{}'" })
  caseNumbers!: string[];
}

export const ERASURE_ENTITIES = [ErasureRequest, LegalHold, RetentionPolicy, PurgeRun];

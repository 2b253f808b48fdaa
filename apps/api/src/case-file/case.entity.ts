import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import type { CaseStatus, ExploitationType, ReferralSource, RiskLevel } from '@lantern/contracts';
import { BaseRecord } from '../kernel/database/base.entity.js';
import type { StoredCustomValues } from './custom-values.js';

/** One episode of service for a survivor (a survivor who returns gets a new case). */
@Entity('survivor_case')
@Index('uq_survivor_case_number', ['organizationId', 'caseNumber'], { unique: true })
// A caseworker's list in its usual order, with the organization last so the page's count is an index-only scan.
@Index('ix_survivor_case_caseworker_list', ['assignedCaseworkerId', 'status', 'openedAt', 'id', 'organizationId'])
@Index('ix_survivor_case_org_status', ['organizationId', 'status', 'openedAt'])
@Index('ix_survivor_case_survivor', ['survivorId'])
// The caseload's order (risk, then longest without contact) over a caseworker's open cases: an expression
// index TypeORM cannot express, written by hand in AddCaseloadIndexes and left alone by the drift check.
@Index('ix_survivor_case_caseload', { synchronize: false })
// Custom field values (issue 18): a GIN index (jsonb_path_ops) TypeORM cannot express, written by hand
// in CustomFields and left alone by the drift check (docs/architecture.md, "Custom field storage").
@Index('ix_survivor_case_custom', { synchronize: false })
@Check('ck_survivor_case_status', `status IN ('intake', 'active', 'on_hold', 'closed')`)
@Check('ck_survivor_case_risk', `risk_level IS NULL OR risk_level IN ('low', 'medium', 'high')`)
export class Case extends BaseRecord {
  @ForeignKey('Organization', { name: 'fk_survivor_case_organization', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  organizationId!: string;

  /** `LN-2026-00042`: per organization and year. */
  @Column({ type: 'varchar', length: 20 })
  caseNumber!: string;

  @ForeignKey('Survivor', { name: 'fk_survivor_case_survivor', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  survivorId!: string;

  @Column({ type: 'varchar', length: 10, default: 'intake' })
  status!: CaseStatus;

  @ForeignKey('User', { name: 'fk_survivor_case_caseworker', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  assignedCaseworkerId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  assignedAt!: Date | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  riskLevel!: RiskLevel | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  referralSource!: ReferralSource | null;

  @Column({ type: 'varchar', length: 40, array: true, default: () => "'{}'" })
  exploitationTypes!: ExploitationType[];

  @Column({ type: 'timestamptz' })
  openedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** HUD HMIS FY2024 destination code (3.12), set at closure. */
  @Column({ type: 'smallint', nullable: true })
  exitDestination!: number | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  closureReason!: string | null;

  /** Time of the latest contact note, kept here so caseload lists need no join. */
  @Column({ type: 'timestamptz', nullable: true })
  lastContactAt!: Date | null;

  /**
   * Custom field values (issue 18; docs/custom-fields.md), keyed by field id; a PII field's value is
   * `{ "c": ciphertext }` (AAD survivor_case|custom.<field id>|id). Not a field of the subject
   * (libs/permissions/src/subjects.ts): it reaches a reader only through features/custom-fields.
   */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  custom!: StoredCustomValues;
}

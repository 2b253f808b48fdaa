import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import type {
  ControlMethod,
  ExploitationType,
  IdentifiedBy,
  ImmediateNeed,
  IntakeStatus,
  RecruitmentMethod,
  RiskAnswers,
  RiskLevel,
} from '@lantern/contracts';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/** The structured first assessment of a case. Draft until submitted; then changed only by amendment. */
@Entity('intake')
@Index('uq_intake_case', ['caseId'], { unique: true })
@Index('ix_intake_org_status', ['organizationId', 'status'])
@Check('ck_intake_status', `status IN ('draft', 'submitted')`)
export class Intake extends BaseRecord {
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ForeignKey('Case', { name: 'fk_intake_case', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  caseId!: string;

  @Column({ type: 'date', nullable: true })
  intakeDate!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  identifiedBy!: IdentifiedBy | null;

  @Column({ type: 'varchar', length: 40, array: true, default: () => "'{}'" })
  exploitationTypes!: ExploitationType[];

  @Column({ type: 'varchar', length: 40, array: true, default: () => "'{}'" })
  controlMethods!: ControlMethod[];

  @Column({ type: 'varchar', length: 40, array: true, default: () => "'{}'" })
  recruitmentMethods!: RecruitmentMethod[];

  @Column({ type: 'varchar', length: 20, array: true, default: () => "'{}'" })
  immediateNeeds!: ImmediateNeed[];

  /** Answers to the fixed risk questionnaire (question id → yes/no). */
  @Column({ type: 'jsonb', nullable: true })
  riskScreening!: RiskAnswers | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  riskLevel!: RiskLevel | null;

  /** Free text in the survivor's words, encrypted (AAD intake|narrative|id). */
  @Column({ type: 'text', nullable: true })
  narrative!: string | null;

  @Column({ type: 'varchar', length: 10, default: 'draft' })
  status!: IntakeStatus;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  submittedBy!: string | null;

  @Column({ type: 'integer', default: 0 })
  amendmentCount!: number;
}

/** The intake as it was before an amendment: the original is never lost. */
@Entity('intake_revision')
@Index('uq_intake_revision', ['intakeId', 'revision'], { unique: true })
export class IntakeRevision extends BaseRecord {
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ForeignKey('Intake', { name: 'fk_intake_revision_intake', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  intakeId!: string;

  /** 0 is the submitted original; n the state before amendment n+1. */
  @Column({ type: 'integer' })
  revision!: number;

  /** The structured fields (no narrative) as they were. */
  @Column({ type: 'jsonb' })
  snapshot!: Record<string, unknown>;

  /** The narrative as it was, re-encrypted for this row (AAD intake_revision|narrative|id). */
  @Column({ type: 'text', nullable: true })
  narrative!: string | null;

  /** Why the intake was amended. */
  @Column({ type: 'varchar', length: 500 })
  reason!: string;
}

import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import type {
  ControlMethod,
  ExploitationType,
  ForcedLabourIndustry,
  IdentifiedBy,
  ImmediateNeed,
  IntakeStatus,
  RecruitmentMethod,
  RiskAnswers,
  RiskLevel,
  SexualExploitationType,
  TraffickerRelationship,
  TraffickingStatus,
} from '@lantern/contracts';
import type { StoredCustomValues } from '../../case-file/custom-values.js';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/** The structured first assessment of a case. Draft until submitted; then changed only by amendment. */
@Entity('intake')
@Index('uq_intake_case', ['caseId'], { unique: true })
@Index('ix_intake_org_status', ['organizationId', 'status'])
// Custom field values (issue 18): GIN, written by hand in CustomFields (see case-file/case.entity.ts).
@Index('ix_intake_custom', { synchronize: false })
@Check('ck_intake_status', `status IN ('draft', 'submitted')`)
@Check('ck_intake_age_when_trafficked', `age_when_trafficked BETWEEN 0 AND 120`)
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

  /** HTCDS vic_TraffickingStatus (issue 17, part 2: the HTCDS 2.0 core; docs/data-dictionary.md). */
  @Column({ type: 'varchar', length: 40, nullable: true })
  traffickingStatus!: TraffickingStatus | null;

  /** HTCDS vic_LocationOfRecruitment: the country (ISO 3166-1 alpha-2). */
  @Column({ type: 'varchar', length: 2, nullable: true })
  recruitmentCountry!: string | null;

  /** The region or town of recruitment, free text, encrypted (AAD intake|recruitment_region|id). */
  @Column({ type: 'text', nullable: true })
  recruitmentRegion!: string | null;

  /** HTCDS vic_LocationOfExploitation: the country (ISO 3166-1 alpha-2); one, as HTCDS has it. */
  @Column({ type: 'varchar', length: 2, nullable: true })
  exploitationCountry!: string | null;

  /** The region or town of exploitation, free text, encrypted (AAD intake|exploitation_region|id). */
  @Column({ type: 'text', nullable: true })
  exploitationRegion!: string | null;

  /** HTCDS vic_ForcedLabourIndustry (one ISIC section). */
  @Column({ type: 'varchar', length: 60, nullable: true })
  forcedLabourIndustry!: ForcedLabourIndustry | null;

  /** HTCDS vic_TypeOfSexExploitation. */
  @Column({ type: 'varchar', length: 40, array: true, default: () => "'{}'" })
  sexualExploitationTypes!: SexualExploitationType[];

  /** HTCDS vic_RelationshipToTrafficker. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  relationshipToTrafficker!: TraffickerRelationship | null;

  /** HTCDS vic_AgeWhenTrafficked: whole years when the trafficking began. */
  @Column({ type: 'smallint', nullable: true })
  ageWhenTrafficked!: number | null;

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

  /**
   * Custom field values (issue 18; docs/custom-fields.md), keyed by field id; a PII field's value is
   * `{ "c": ciphertext }` (AAD intake|custom.<field id>|id). Not a field of the subject: it reaches a
   * reader only through features/custom-fields.
   */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  custom!: StoredCustomValues;
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

  /** The structured fields (no narrative, no region texts) as they were. */
  @Column({ type: 'jsonb' })
  snapshot!: Record<string, unknown>;

  /** The narrative as it was, re-encrypted for this row (AAD intake_revision|narrative|id). */
  @Column({ type: 'text', nullable: true })
  narrative!: string | null;

  /** The regions as they were, re-encrypted for this row (AAD intake_revision|<column>|id). */
  @Column({ type: 'text', nullable: true })
  recruitmentRegion!: string | null;

  @Column({ type: 'text', nullable: true })
  exploitationRegion!: string | null;

  /**
   * The custom values as they were (docs/custom-fields.md, "Amending a submitted intake"), keyed by field
   * id; a PII value re-encrypted for this row (`{ "c": ciphertext }`, AAD intake_revision|custom.<field id>|id).
   */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  custom!: StoredCustomValues;

  /** Why the intake was amended. */
  @Column({ type: 'varchar', length: 500 })
  reason!: string;
}

import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import type { AssessmentStage, EducationStatus, EmploymentStatus, IncomeChange } from '@lantern/contracts';
import type { StoredCustomValues } from '../../case-file/custom-values.js';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/** Where a survivor stands at a set stage; the exit assessment closes the loop for the metrics. */
@Entity('outcome_assessment')
@Index('uq_outcome_assessment_stage', ['caseId', 'stage'], { unique: true })
@Index('ix_outcome_assessment_org_stage', ['organizationId', 'stage', 'assessedOn'])
@Check('ck_outcome_assessment_stage', `stage IN ('intake', '90_days', '180_days', '365_days', 'exit')`)
@Check('ck_outcome_assessment_safety', 'safety_rating IS NULL OR safety_rating BETWEEN 1 AND 5')
// Custom field values (issue 18): GIN, written by hand in CustomFields (see case-file/case.entity.ts).
@Index('ix_outcome_assessment_custom', { synchronize: false })
export class OutcomeAssessment extends BaseRecord {
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ForeignKey('Case', { name: 'fk_outcome_assessment_case', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  caseId!: string;

  @Column({ type: 'uuid' })
  survivorId!: string;

  @Column({ type: 'varchar', length: 10 })
  stage!: AssessmentStage;

  @Column({ type: 'date' })
  assessedOn!: string;

  /** HUD HMIS FY2024 living situation code. */
  @Column({ type: 'smallint', nullable: true })
  housingSituation!: number | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  employment!: EmploymentStatus | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  education!: EducationStatus | null;

  /** Monthly income from all sources, whole currency units. */
  @Column({ type: 'integer', nullable: true })
  monthlyIncome!: number | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  incomeChange!: IncomeChange | null;

  /** The survivor's own rating of how safe they feel, 1 (not at all) to 5 (completely). */
  @Column({ type: 'smallint', nullable: true })
  safetyRating!: number | null;

  @Column({ type: 'boolean', nullable: true })
  returnedToTrafficker!: boolean | null;

  /**
   * Custom field values (issue 18; docs/custom-fields.md), keyed by field id; a PII field's value is
   * `{ "c": ciphertext }` (AAD outcome_assessment|custom.<field id>|id). Not a field of the subject: it reaches a
   * reader only through features/custom-fields.
   */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  custom!: StoredCustomValues;
}

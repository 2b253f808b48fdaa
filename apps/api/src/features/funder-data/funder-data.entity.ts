import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import type {
  HmisBenefit,
  HmisIncomeSource,
  HmisInsuranceType,
  HmisNoYesReasons,
  HmisRace,
  HmisRaceNone,
  HmisRelationshipToHoH,
  HmisRentalSubsidyType,
  HmisSubstanceUse,
  HmisWhenOccurred,
  LawEnforcementReported,
} from '@lantern/contracts';
import { BaseRecord } from '../../kernel/database/base.entity.js';

const NO_YES = '0, 1, 8, 9, 99';
const SUBSIDY = '419, 420, 428, 431, 433, 434, 436, 437, 438, 439, 440';

/** `numeric` comes back from PostgreSQL as a string: dollars and cents as a number. */
const money = { to: (value: number | null) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

/**
 * A case's funder data (issue 16): the HUD HMIS FY2024 elements a comparable database keeps that Lantern
 * did not collect elsewhere (race and ethnicity, veteran status, disabilities, household, income and
 * benefits, health insurance, rental subsidy types, domestic violence) and law-enforcement involvement. One per case; never deleted (a
 * correction is an edit). Codes only, no free text: nothing here is encrypted. The service checks the
 * fields together (funder-data-rules.ts); the database keeps the vocabularies and the one-per-case rule.
 */
@Entity('funder_data')
@Index('uq_funder_data_case', ['caseId'], { unique: true })
@Index('ix_funder_data_survivor', ['survivorId'])
@Check('ck_funder_data_codes', `COALESCE(veteran_status, 0) IN (${NO_YES}) AND COALESCE(disabling_condition, 0) IN (${NO_YES}) AND COALESCE(physical_disability, 0) IN (${NO_YES}) AND COALESCE(developmental_disability, 0) IN (${NO_YES}) AND COALESCE(chronic_health_condition, 0) IN (${NO_YES}) AND COALESCE(hiv_aids, 0) IN (${NO_YES}) AND COALESCE(mental_health_disorder, 0) IN (${NO_YES}) AND COALESCE(substance_use_disorder, 0) IN (0, 1, 2, 3, 8, 9, 99) AND COALESCE(relationship_to_hoh, 1) IN (1, 2, 3, 4, 5, 99) AND COALESCE(race_none, 8) IN (8, 9, 99) AND COALESCE(income_from_any_source, 0) IN (${NO_YES}) AND COALESCE(benefits_from_any_source, 0) IN (${NO_YES}) AND COALESCE(domestic_violence_survivor, 0) IN (${NO_YES}) AND COALESCE(dv_when_occurred, 1) IN (1, 2, 3, 4, 8, 9, 99) AND COALESCE(dv_currently_fleeing, 0) IN (${NO_YES})`)
@Check('ck_funder_data_insurance_subsidy', `COALESCE(insurance_from_any_source, 0) IN (${NO_YES}) AND COALESCE(rental_subsidy_type, 419) IN (${SUBSIDY}) AND COALESCE(destination_subsidy_type, 419) IN (${SUBSIDY})`)
@Check('ck_funder_data_law_enforcement', `law_enforcement_reported IS NULL OR law_enforcement_reported IN ('yes', 'no', 'declined')`)
@Check('ck_funder_data_household', `household_size IS NULL OR household_size BETWEEN 1 AND 30`)
export class FunderData extends BaseRecord {
  @ForeignKey('Organization', { name: 'fk_funder_data_organization', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ForeignKey('Case', { name: 'fk_funder_data_case', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  caseId!: string;

  /** The case's survivor, kept so the HMIS export reads a person's data without a join. */
  @ForeignKey('Survivor', { name: 'fk_funder_data_survivor', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  survivorId!: string;

  /** When the answers were collected (HMIS InformationDate). */
  @Column({ type: 'date', nullable: true })
  informationDate!: string | null;

  @Column({ type: 'varchar', length: 20, array: true, default: () => "'{}'" })
  raceEthnicity!: HmisRace[];

  @Column({ type: 'smallint', nullable: true })
  raceNone!: HmisRaceNone | null;

  @Column({ type: 'smallint', nullable: true })
  veteranStatus!: HmisNoYesReasons | null;

  @Column({ type: 'smallint', nullable: true })
  disablingCondition!: HmisNoYesReasons | null;

  @Column({ type: 'smallint', nullable: true })
  physicalDisability!: HmisNoYesReasons | null;

  @Column({ type: 'smallint', nullable: true })
  developmentalDisability!: HmisNoYesReasons | null;

  @Column({ type: 'smallint', nullable: true })
  chronicHealthCondition!: HmisNoYesReasons | null;

  @Column({ type: 'smallint', nullable: true })
  hivAids!: HmisNoYesReasons | null;

  @Column({ type: 'smallint', nullable: true })
  mentalHealthDisorder!: HmisNoYesReasons | null;

  @Column({ type: 'smallint', nullable: true })
  substanceUseDisorder!: HmisSubstanceUse | null;

  @Column({ name: 'relationship_to_hoh', type: 'smallint', nullable: true })
  relationshipToHoH!: HmisRelationshipToHoH | null;

  @Column({ type: 'smallint', nullable: true })
  householdSize!: number | null;

  @Column({ type: 'smallint', nullable: true })
  incomeFromAnySource!: HmisNoYesReasons | null;

  @Column({ type: 'numeric', precision: 10, scale: 2, nullable: true, transformer: money })
  totalMonthlyIncome!: number | null;

  /** The sources she receives, each with its monthly amount in dollars. */
  @Column({ type: 'jsonb' })
  incomeSources!: Partial<Record<HmisIncomeSource, number>>;

  @Column({ type: 'smallint', nullable: true })
  benefitsFromAnySource!: HmisNoYesReasons | null;

  @Column({ type: 'varchar', length: 20, array: true, default: () => "'{}'" })
  benefits!: HmisBenefit[];

  @Column({ type: 'smallint', nullable: true })
  insuranceFromAnySource!: HmisNoYesReasons | null;

  @Column({ type: 'varchar', length: 30, array: true, default: () => "'{}'" })
  insuranceTypes!: HmisInsuranceType[];

  @Column({ type: 'smallint', nullable: true })
  rentalSubsidyType!: HmisRentalSubsidyType | null;

  @Column({ type: 'smallint', nullable: true })
  destinationSubsidyType!: HmisRentalSubsidyType | null;

  @Column({ type: 'smallint', nullable: true })
  domesticViolenceSurvivor!: HmisNoYesReasons | null;

  @Column({ type: 'smallint', nullable: true })
  dvWhenOccurred!: HmisWhenOccurred | null;

  @Column({ type: 'smallint', nullable: true })
  dvCurrentlyFleeing!: HmisNoYesReasons | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  lawEnforcementReported!: LawEnforcementReported | null;

  @Column({ type: 'boolean', nullable: true })
  lawEnforcementCooperating!: boolean | null;

  @Column({ type: 'date', nullable: true })
  lawEnforcementReportedOn!: string | null;
}

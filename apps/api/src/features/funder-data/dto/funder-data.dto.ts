import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  FUNDER_AMOUNT_MAX,
  FUNDER_HOUSEHOLD_MAX,
  HMIS_BENEFITS,
  HMIS_INCOME_SOURCES,
  HMIS_INSURANCE_TYPES,
  HMIS_NO_YES_REASONS,
  HMIS_RACE_NONE,
  HMIS_RACES,
  HMIS_RELATIONSHIPS_TO_HOH,
  HMIS_RENTAL_SUBSIDY_TYPES,
  HMIS_SUBSTANCE_USE,
  HMIS_WHEN_OCCURRED,
  LAW_ENFORCEMENT_REPORTED,
  type HmisBenefit,
  type HmisIncomeSource,
  type HmisInsuranceType,
  type HmisNoYesReasons,
  type HmisRace,
  type HmisRaceNone,
  type HmisRelationshipToHoH,
  type HmisRentalSubsidyType,
  type HmisSubstanceUse,
  type HmisWhenOccurred,
  type LawEnforcementReported,
} from '@lantern/contracts';
import { IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { AcceptsRecordAsFetched } from '../../../kernel/http/record-as-fetched.js';
import { IsCalendarDate } from '../../../kernel/http/validators-extra.js';
import { IsListOf, IsVersion, OptionalListOf, OptionalOneOf } from '../../../kernel/http/validators.js';

/** One HMIS code of a list, with a message that names the field and lists the codes. */
const IsCode = (values: readonly number[], field: string) => IsIn(values as number[], { message: `${field} must be one of ${values.join(', ')}` });

/** The HMIS elements and law-enforcement involvement; only what is given changes, null clears. */
class FunderDataFieldsDto {
  @ApiPropertyOptional({ format: 'date', nullable: true, description: 'When the answers were collected (HMIS InformationDate)' })
  @IsOptional()
  @IsCalendarDate()
  informationDate?: string | null;

  @ApiPropertyOptional({ enum: HMIS_RACES, isArray: true, description: 'HMIS 3.04: every race and ethnicity she identifies with' })
  @IsOptional()
  @IsListOf(HMIS_RACES, 'raceEthnicity')
  raceEthnicity?: HmisRace[];

  @ApiPropertyOptional({ enum: HMIS_RACE_NONE, nullable: true, description: '8, 9 or 99 when no race is recorded' })
  @IsOptional()
  @IsCode(HMIS_RACE_NONE, 'raceNone')
  raceNone?: HmisRaceNone | null;

  @ApiPropertyOptional({ enum: HMIS_NO_YES_REASONS, nullable: true, description: 'HMIS 3.07' })
  @IsOptional()
  @IsCode(HMIS_NO_YES_REASONS, 'veteranStatus')
  veteranStatus?: HmisNoYesReasons | null;

  @ApiPropertyOptional({ enum: HMIS_NO_YES_REASONS, nullable: true, description: 'HMIS 3.08' })
  @IsOptional()
  @IsCode(HMIS_NO_YES_REASONS, 'disablingCondition')
  disablingCondition?: HmisNoYesReasons | null;

  @ApiPropertyOptional({ enum: HMIS_NO_YES_REASONS, nullable: true, description: 'HMIS 4.05' })
  @IsOptional()
  @IsCode(HMIS_NO_YES_REASONS, 'physicalDisability')
  physicalDisability?: HmisNoYesReasons | null;

  @ApiPropertyOptional({ enum: HMIS_NO_YES_REASONS, nullable: true, description: 'HMIS 4.06' })
  @IsOptional()
  @IsCode(HMIS_NO_YES_REASONS, 'developmentalDisability')
  developmentalDisability?: HmisNoYesReasons | null;

  @ApiPropertyOptional({ enum: HMIS_NO_YES_REASONS, nullable: true, description: 'HMIS 4.07' })
  @IsOptional()
  @IsCode(HMIS_NO_YES_REASONS, 'chronicHealthCondition')
  chronicHealthCondition?: HmisNoYesReasons | null;

  @ApiPropertyOptional({ enum: HMIS_NO_YES_REASONS, nullable: true, description: 'HMIS 4.08' })
  @IsOptional()
  @IsCode(HMIS_NO_YES_REASONS, 'hivAids')
  hivAids?: HmisNoYesReasons | null;

  @ApiPropertyOptional({ enum: HMIS_NO_YES_REASONS, nullable: true, description: 'HMIS 4.09' })
  @IsOptional()
  @IsCode(HMIS_NO_YES_REASONS, 'mentalHealthDisorder')
  mentalHealthDisorder?: HmisNoYesReasons | null;

  @ApiPropertyOptional({ enum: HMIS_SUBSTANCE_USE, nullable: true, description: 'HMIS 4.10: 0 no, 1 alcohol, 2 drug, 3 both' })
  @IsOptional()
  @IsCode(HMIS_SUBSTANCE_USE, 'substanceUseDisorder')
  substanceUseDisorder?: HmisSubstanceUse | null;

  @ApiPropertyOptional({ enum: HMIS_RELATIONSHIPS_TO_HOH, nullable: true, description: 'HMIS 3.15' })
  @IsOptional()
  @IsCode(HMIS_RELATIONSHIPS_TO_HOH, 'relationshipToHoH')
  relationshipToHoH?: HmisRelationshipToHoH | null;

  @ApiPropertyOptional({ minimum: 1, maximum: FUNDER_HOUSEHOLD_MAX, nullable: true, description: 'People in her household, herself included' })
  @IsOptional()
  @IsInt({ message: 'householdSize must be a whole number' })
  @Min(1)
  @Max(FUNDER_HOUSEHOLD_MAX)
  householdSize?: number | null;

  @ApiPropertyOptional({ enum: HMIS_NO_YES_REASONS, nullable: true, description: 'HMIS 4.02 IncomeFromAnySource' })
  @IsOptional()
  @IsCode(HMIS_NO_YES_REASONS, 'incomeFromAnySource')
  incomeFromAnySource?: HmisNoYesReasons | null;

  @ApiPropertyOptional({ nullable: true, description: 'Dollars a month: the sum of the sources' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }, { message: 'totalMonthlyIncome must be an amount in dollars and cents' })
  @Min(0)
  @Max(FUNDER_AMOUNT_MAX * HMIS_INCOME_SOURCES.length)
  totalMonthlyIncome?: number | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' }, description: `Source (${HMIS_INCOME_SOURCES.join(', ')}) → monthly dollars` })
  @IsOptional()
  @IsObject({ message: 'incomeSources must be an object of sources and monthly amounts' })
  incomeSources?: Partial<Record<HmisIncomeSource, number>>;

  @ApiPropertyOptional({ enum: HMIS_NO_YES_REASONS, nullable: true, description: 'HMIS 4.03 BenefitsFromAnySource' })
  @IsOptional()
  @IsCode(HMIS_NO_YES_REASONS, 'benefitsFromAnySource')
  benefitsFromAnySource?: HmisNoYesReasons | null;

  @OptionalListOf(HMIS_BENEFITS, 'benefits')
  benefits?: HmisBenefit[];

  @ApiPropertyOptional({ enum: HMIS_NO_YES_REASONS, nullable: true, description: 'HMIS 4.04 InsuranceFromAnySource' })
  @IsOptional()
  @IsCode(HMIS_NO_YES_REASONS, 'insuranceFromAnySource')
  insuranceFromAnySource?: HmisNoYesReasons | null;

  @ApiPropertyOptional({ enum: HMIS_INSURANCE_TYPES, isArray: true, description: 'HMIS 4.04: the health insurance she has' })
  @IsOptional()
  @IsListOf(HMIS_INSURANCE_TYPES, 'insuranceTypes')
  insuranceTypes?: HmisInsuranceType[];

  @ApiPropertyOptional({ enum: HMIS_RENTAL_SUBSIDY_TYPES, nullable: true, description: 'HMIS 3.12.A of her living situation at entry (with 435)' })
  @IsOptional()
  @IsCode(HMIS_RENTAL_SUBSIDY_TYPES, 'rentalSubsidyType')
  rentalSubsidyType?: HmisRentalSubsidyType | null;

  @ApiPropertyOptional({ enum: HMIS_RENTAL_SUBSIDY_TYPES, nullable: true, description: 'HMIS 3.12.A of her destination at exit (with 435)' })
  @IsOptional()
  @IsCode(HMIS_RENTAL_SUBSIDY_TYPES, 'destinationSubsidyType')
  destinationSubsidyType?: HmisRentalSubsidyType | null;

  @ApiPropertyOptional({ enum: HMIS_NO_YES_REASONS, nullable: true, description: 'HMIS 4.11' })
  @IsOptional()
  @IsCode(HMIS_NO_YES_REASONS, 'domesticViolenceSurvivor')
  domesticViolenceSurvivor?: HmisNoYesReasons | null;

  @ApiPropertyOptional({ enum: HMIS_WHEN_OCCURRED, nullable: true, description: 'HMIS 4.11.A' })
  @IsOptional()
  @IsCode(HMIS_WHEN_OCCURRED, 'dvWhenOccurred')
  dvWhenOccurred?: HmisWhenOccurred | null;

  @ApiPropertyOptional({ enum: HMIS_NO_YES_REASONS, nullable: true, description: 'HMIS 4.11.B' })
  @IsOptional()
  @IsCode(HMIS_NO_YES_REASONS, 'dvCurrentlyFleeing')
  dvCurrentlyFleeing?: HmisNoYesReasons | null;

  @OptionalOneOf(LAW_ENFORCEMENT_REPORTED, 'lawEnforcementReported')
  lawEnforcementReported?: LawEnforcementReported | null;

  @ApiPropertyOptional({ nullable: true, description: 'Cooperating with an investigation; only once reported' })
  @IsOptional()
  @IsBoolean()
  lawEnforcementCooperating?: boolean | null;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  lawEnforcementReportedOn?: string | null;
}

export class CreateFunderDataDto extends FunderDataFieldsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'caseId must be a uuid' })
  caseId!: string;
}

/** A change of the record: only the fields given change; its case never does. */
@AcceptsRecordAsFetched('FunderData')
export class UpdateFunderDataDto extends FunderDataFieldsDto {
  @IsVersion()
  version!: number;
}

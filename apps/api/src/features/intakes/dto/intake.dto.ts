import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AGE_WHEN_TRAFFICKED_MAX,
  CONTROL_METHODS,
  COUNTRY_CODES,
  EXPLOITATION_TYPES,
  FORCED_LABOUR_INDUSTRIES,
  IDENTIFIED_BY,
  IMMEDIATE_NEEDS,
  INTAKE_REGION_MAX,
  RECRUITMENT_METHODS,
  RISK_QUESTIONS,
  SEXUAL_EXPLOITATION_TYPES,
  TRAFFICKER_RELATIONSHIPS,
  TRAFFICKING_STATUSES,
  type ControlMethod,
  type ExploitationType,
  type ForcedLabourIndustry,
  type IdentifiedBy,
  type ImmediateNeed,
  type RecruitmentMethod,
  type RiskAnswers,
  type SexualExploitationType,
  type TraffickerRelationship,
  type TraffickingStatus,
} from '@lantern/contracts';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CustomValuesBody, IsPastDate } from '../../../kernel/http/validators-extra.js';
import { IsListOf, IsOneOf, IsVersion, MultiLine, OptionalListOf, OptionalOneOf, SingleLine, Text, Trim } from '../../../kernel/http/validators.js';
import { AcceptsRecordAsFetched } from '../../../kernel/http/record-as-fetched.js';

/** One optional yes/no per question of the fixed risk screening; nothing else is accepted. */
export class RiskScreeningDto implements RiskAnswers {
  @IsOptional() @IsBoolean() inContactWithTrafficker?: boolean;
  @IsOptional() @IsBoolean() traffickerKnowsLocation?: boolean;
  @IsOptional() @IsBoolean() threatsLast30Days?: boolean;
  @IsOptional() @IsBoolean() noSafePlaceTonight?: boolean;
  @IsOptional() @IsBoolean() minor?: boolean;
  @IsOptional() @IsBoolean() urgentMedicalNeed?: boolean;
  @IsOptional() @IsBoolean() childrenAtRisk?: boolean;
  @IsOptional() @IsBoolean() substanceDependence?: boolean;
}

export const RISK_QUESTION_IDS: string[] = RISK_QUESTIONS.map((q) => q.id);

/** The narrative limit: long enough for a full account, short enough to refuse a pasted file. */
export const NARRATIVE_MAX = 20_000;

export class IntakeFieldsDto {
  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @IsPastDate('1950-01-01')
  intakeDate?: string | null;

  @OptionalOneOf(IDENTIFIED_BY, 'identifiedBy')
  identifiedBy?: IdentifiedBy | null;

  @OptionalListOf(EXPLOITATION_TYPES, 'exploitationTypes')
  exploitationTypes?: ExploitationType[];

  @OptionalListOf(CONTROL_METHODS, 'controlMethods')
  controlMethods?: ControlMethod[];

  @OptionalListOf(RECRUITMENT_METHODS, 'recruitmentMethods')
  recruitmentMethods?: RecruitmentMethod[];

  @OptionalListOf(IMMEDIATE_NEEDS, 'immediateNeeds')
  immediateNeeds?: ImmediateNeed[];

  // The HTCDS 2.0 core (issue 17, part 2; docs/data-dictionary.md).
  @ApiPropertyOptional({ enum: TRAFFICKING_STATUSES, nullable: true, description: 'HTCDS vic_TraffickingStatus' })
  @IsOptional()
  @IsOneOf(TRAFFICKING_STATUSES, 'traffickingStatus')
  traffickingStatus?: TraffickingStatus | null;

  @ApiPropertyOptional({ nullable: true, description: 'ISO 3166-1 alpha-2 (HTCDS vic_LocationOfRecruitment)', example: 'MX' })
  @IsOptional()
  @IsIn(COUNTRY_CODES, { message: 'recruitmentCountry must be an ISO 3166-1 alpha-2 country code (e.g. MX)' })
  recruitmentCountry?: string | null;

  @ApiPropertyOptional({ maxLength: INTAKE_REGION_MAX, nullable: true, description: 'Region or town of recruitment; encrypted' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(INTAKE_REGION_MAX)
  @SingleLine()
  recruitmentRegion?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'ISO 3166-1 alpha-2 (HTCDS vic_LocationOfExploitation)', example: 'US' })
  @IsOptional()
  @IsIn(COUNTRY_CODES, { message: 'exploitationCountry must be an ISO 3166-1 alpha-2 country code (e.g. US)' })
  exploitationCountry?: string | null;

  @ApiPropertyOptional({ maxLength: INTAKE_REGION_MAX, nullable: true, description: 'Region or town of exploitation; encrypted' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(INTAKE_REGION_MAX)
  @SingleLine()
  exploitationRegion?: string | null;

  @ApiPropertyOptional({ enum: FORCED_LABOUR_INDUSTRIES, nullable: true, description: 'HTCDS vic_ForcedLabourIndustry (ISIC section)' })
  @IsOptional()
  @IsOneOf(FORCED_LABOUR_INDUSTRIES, 'forcedLabourIndustry')
  forcedLabourIndustry?: ForcedLabourIndustry | null;

  @ApiPropertyOptional({ enum: SEXUAL_EXPLOITATION_TYPES, isArray: true, description: 'HTCDS vic_TypeOfSexExploitation' })
  @IsOptional()
  @IsListOf(SEXUAL_EXPLOITATION_TYPES, 'sexualExploitationTypes')
  sexualExploitationTypes?: SexualExploitationType[];

  @ApiPropertyOptional({ enum: TRAFFICKER_RELATIONSHIPS, nullable: true, description: 'HTCDS vic_RelationshipToTrafficker' })
  @IsOptional()
  @IsOneOf(TRAFFICKER_RELATIONSHIPS, 'relationshipToTrafficker')
  relationshipToTrafficker?: TraffickerRelationship | null;

  @ApiPropertyOptional({ minimum: 0, maximum: AGE_WHEN_TRAFFICKED_MAX, nullable: true, description: 'HTCDS vic_AgeWhenTrafficked, whole years' })
  @IsOptional()
  @IsInt({ message: 'ageWhenTrafficked must be a whole number of years' })
  @Min(0, { message: `ageWhenTrafficked must be between 0 and ${AGE_WHEN_TRAFFICKED_MAX}` })
  @Max(AGE_WHEN_TRAFFICKED_MAX, { message: `ageWhenTrafficked must be between 0 and ${AGE_WHEN_TRAFFICKED_MAX}` })
  ageWhenTrafficked?: number | null;

  @ApiPropertyOptional({ type: RiskScreeningDto, description: 'Yes/no answers to the fixed risk questions' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RiskScreeningDto)
  riskScreening?: RiskScreeningDto;

  @ApiPropertyOptional({ maxLength: NARRATIVE_MAX, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(NARRATIVE_MAX)
  @MultiLine()
  narrative?: string | null;
}

export class CreateIntakeDto extends IntakeFieldsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'caseId must be a uuid' })
  caseId!: string;

  @CustomValuesBody("The draft's custom values by field key, checked as PUT /custom-values checks them; required ones are asked at submission, not here (docs/custom-fields.md)")
  custom?: Record<string, unknown>;
}

@AcceptsRecordAsFetched('Intake')
export class UpdateIntakeDto extends IntakeFieldsDto {
  @IsVersion()
  version!: number;

  @CustomValuesBody("A draft's custom values by field key, saved with its fields in one change (docs/custom-fields.md)")
  custom?: Record<string, unknown>;
}

export class SubmitIntakeDto {
  @IsVersion()
  version!: number;
}

export class AmendIntakeDto extends UpdateIntakeDto {
  // `custom` (from UpdateIntakeDto): the custom values amended with the built-in fields, under the same reason.
  @ApiProperty({ maxLength: 500, description: 'Why the submitted intake is being changed (its fields and custom values)' })
  @Text({ min: 3, max: 500, lines: 'many' })
  reason!: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CONTROL_METHODS,
  EXPLOITATION_TYPES,
  IDENTIFIED_BY,
  IMMEDIATE_NEEDS,
  RECRUITMENT_METHODS,
  RISK_QUESTIONS,
  type ControlMethod,
  type ExploitationType,
  type IdentifiedBy,
  type ImmediateNeed,
  type RecruitmentMethod,
  type RiskAnswers,
} from '@lantern/contracts';
import { Type } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { IsPastDate } from '../../../kernel/http/validators-extra.js';
import { IsListOf, IsOneOf, IsVersion, MultiLine, Trim } from '../../../kernel/http/validators.js';
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

  @ApiPropertyOptional({ enum: IDENTIFIED_BY, nullable: true })
  @IsOptional()
  @IsOneOf(IDENTIFIED_BY, 'identifiedBy')
  identifiedBy?: IdentifiedBy | null;

  @ApiPropertyOptional({ enum: EXPLOITATION_TYPES, isArray: true })
  @IsOptional()
  @IsListOf(EXPLOITATION_TYPES, 'exploitationTypes')
  exploitationTypes?: ExploitationType[];

  @ApiPropertyOptional({ enum: CONTROL_METHODS, isArray: true })
  @IsOptional()
  @IsListOf(CONTROL_METHODS, 'controlMethods')
  controlMethods?: ControlMethod[];

  @ApiPropertyOptional({ enum: RECRUITMENT_METHODS, isArray: true })
  @IsOptional()
  @IsListOf(RECRUITMENT_METHODS, 'recruitmentMethods')
  recruitmentMethods?: RecruitmentMethod[];

  @ApiPropertyOptional({ enum: IMMEDIATE_NEEDS, isArray: true })
  @IsOptional()
  @IsListOf(IMMEDIATE_NEEDS, 'immediateNeeds')
  immediateNeeds?: ImmediateNeed[];

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
}

@AcceptsRecordAsFetched('Intake')
export class UpdateIntakeDto extends IntakeFieldsDto {
  @IsVersion()
  version!: number;
}

export class SubmitIntakeDto {
  @IsVersion()
  version!: number;
}

export class AmendIntakeDto extends UpdateIntakeDto {
  @ApiProperty({ maxLength: 500, description: 'Why the submitted intake is being changed' })
  @Trim()
  @IsString()
  @Length(3, 500)
  @MultiLine()
  reason!: string;
}

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
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsPastDate } from '../../common/validators-extra.js';
import { MultiLine, Trim } from '../../common/validators.js';

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
  @IsIn(IDENTIFIED_BY, { message: `identifiedBy must be one of ${IDENTIFIED_BY.join(', ')}` })
  identifiedBy?: IdentifiedBy | null;

  @ApiPropertyOptional({ enum: EXPLOITATION_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(EXPLOITATION_TYPES.length)
  @IsIn(EXPLOITATION_TYPES, { each: true, message: `exploitationTypes must each be one of ${EXPLOITATION_TYPES.join(', ')}` })
  exploitationTypes?: ExploitationType[];

  @ApiPropertyOptional({ enum: CONTROL_METHODS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(CONTROL_METHODS.length)
  @IsIn(CONTROL_METHODS, { each: true, message: `controlMethods must each be one of ${CONTROL_METHODS.join(', ')}` })
  controlMethods?: ControlMethod[];

  @ApiPropertyOptional({ enum: RECRUITMENT_METHODS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(RECRUITMENT_METHODS.length)
  @IsIn(RECRUITMENT_METHODS, { each: true, message: `recruitmentMethods must each be one of ${RECRUITMENT_METHODS.join(', ')}` })
  recruitmentMethods?: RecruitmentMethod[];

  @ApiPropertyOptional({ enum: IMMEDIATE_NEEDS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(IMMEDIATE_NEEDS.length)
  @IsIn(IMMEDIATE_NEEDS, { each: true, message: `immediateNeeds must each be one of ${IMMEDIATE_NEEDS.join(', ')}` })
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

export class UpdateIntakeDto extends IntakeFieldsDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  version!: number;
}

export class SubmitIntakeDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
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

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CASE_STATUSES,
  EXPLOITATION_TYPES,
  REFERRAL_SOURCES,
  RISK_LEVELS,
  type CaseStatus,
  type ExploitationType,
  type ReferralSource,
  type RiskLevel,
} from '@lantern/contracts';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Min } from 'class-validator';
import { MultiLine, Trim } from '../../common/validators.js';

export class CreateCaseDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'survivorId must be a uuid' })
  survivorId!: string;

  @ApiPropertyOptional({ enum: REFERRAL_SOURCES, nullable: true })
  @IsOptional()
  @IsIn(REFERRAL_SOURCES, { message: `referralSource must be one of ${REFERRAL_SOURCES.join(', ')}` })
  referralSource?: ReferralSource | null;

  @ApiPropertyOptional({ enum: RISK_LEVELS, nullable: true })
  @IsOptional()
  @IsIn(RISK_LEVELS, { message: `riskLevel must be one of ${RISK_LEVELS.join(', ')}` })
  riskLevel?: RiskLevel | null;

  @ApiPropertyOptional({ enum: EXPLOITATION_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(EXPLOITATION_TYPES.length)
  @IsIn(EXPLOITATION_TYPES, { each: true, message: `exploitationTypes must each be one of ${EXPLOITATION_TYPES.join(', ')}` })
  exploitationTypes?: ExploitationType[];
}

export class UpdateCaseDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional({ enum: REFERRAL_SOURCES, nullable: true })
  @IsOptional()
  @IsIn(REFERRAL_SOURCES, { message: `referralSource must be one of ${REFERRAL_SOURCES.join(', ')}` })
  referralSource?: ReferralSource | null;

  @ApiPropertyOptional({ enum: RISK_LEVELS, nullable: true })
  @IsOptional()
  @IsIn(RISK_LEVELS, { message: `riskLevel must be one of ${RISK_LEVELS.join(', ')}` })
  riskLevel?: RiskLevel | null;

  @ApiPropertyOptional({ enum: EXPLOITATION_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(EXPLOITATION_TYPES.length)
  @IsIn(EXPLOITATION_TYPES, { each: true, message: `exploitationTypes must each be one of ${EXPLOITATION_TYPES.join(', ')}` })
  exploitationTypes?: ExploitationType[];
}

export class CaseTransitionDto {
  @ApiProperty({ enum: CASE_STATUSES })
  @IsIn(CASE_STATUSES, { message: `to must be one of ${CASE_STATUSES.join(', ')}` })
  to!: CaseStatus;

  @ApiPropertyOptional({ maxLength: 500, description: 'Why; required to close or reopen' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 500)
  @MultiLine()
  reason?: string;

  @ApiPropertyOptional({ description: 'The version you read; a stale version is refused with 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class AssignCaseDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'caseworkerId must be a uuid' })
  caseworkerId!: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 500)
  @MultiLine()
  reason?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

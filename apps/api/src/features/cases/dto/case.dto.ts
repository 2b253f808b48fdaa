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
  CLOSURE_REASONS,
  type ClosureReason,
} from '@lantern/contracts';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Length, Min } from 'class-validator';
import { IsListOf, IsOneOf, IsVersion, MultiLine, Trim } from '../../../kernel/http/validators.js';
import { AcceptsRecordAsFetched } from '../../../kernel/http/record-as-fetched.js';

export class CreateCaseDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'survivorId must be a uuid' })
  survivorId!: string;

  @ApiPropertyOptional({ enum: REFERRAL_SOURCES, nullable: true })
  @IsOptional()
  @IsOneOf(REFERRAL_SOURCES, 'referralSource')
  referralSource?: ReferralSource | null;

  @ApiPropertyOptional({ enum: RISK_LEVELS, nullable: true })
  @IsOptional()
  @IsOneOf(RISK_LEVELS, 'riskLevel')
  riskLevel?: RiskLevel | null;

  @ApiPropertyOptional({ enum: EXPLOITATION_TYPES, isArray: true })
  @IsOptional()
  @IsListOf(EXPLOITATION_TYPES, 'exploitationTypes')
  exploitationTypes?: ExploitationType[];
}

@AcceptsRecordAsFetched('Case')
export class UpdateCaseDto {
  @IsVersion()
  version!: number;

  @ApiPropertyOptional({ enum: REFERRAL_SOURCES, nullable: true })
  @IsOptional()
  @IsOneOf(REFERRAL_SOURCES, 'referralSource')
  referralSource?: ReferralSource | null;

  @ApiPropertyOptional({ enum: RISK_LEVELS, nullable: true })
  @IsOptional()
  @IsOneOf(RISK_LEVELS, 'riskLevel')
  riskLevel?: RiskLevel | null;

  @ApiPropertyOptional({ enum: EXPLOITATION_TYPES, isArray: true })
  @IsOptional()
  @IsListOf(EXPLOITATION_TYPES, 'exploitationTypes')
  exploitationTypes?: ExploitationType[];
}

export class CaseTransitionDto {
  @ApiProperty({ enum: CASE_STATUSES })
  @IsOneOf(CASE_STATUSES, 'to')
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

export class CloseCaseDto {
  @ApiProperty({ enum: CLOSURE_REASONS })
  @IsOneOf(CLOSURE_REASONS, 'closureReason')
  closureReason!: ClosureReason;

  @ApiProperty({ description: 'HUD HMIS FY2024 destination code (3.12)' })
  @IsInt()
  exitDestination!: number;

  @ApiPropertyOptional({ default: false, description: 'Cancel the open referrals in the same step' })
  @IsOptional()
  @IsBoolean()
  cancelOpenReferrals?: boolean;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 500)
  @MultiLine()
  note?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ReopenCaseDto {
  @ApiProperty({ maxLength: 500 })
  @Trim()
  @IsString()
  @Length(3, 500)
  @MultiLine()
  reason!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
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
import { IsBoolean, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { IsOneOf, IsVersion, OptionalListOf, OptionalOneOf, Text } from '../../../kernel/http/validators.js';
import { AcceptsRecordAsFetched } from '../../../kernel/http/record-as-fetched.js';

export class CreateCaseDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'survivorId must be a uuid' })
  survivorId!: string;

  @OptionalOneOf(REFERRAL_SOURCES, 'referralSource')
  referralSource?: ReferralSource | null;

  @OptionalOneOf(RISK_LEVELS, 'riskLevel')
  riskLevel?: RiskLevel | null;

  @OptionalListOf(EXPLOITATION_TYPES, 'exploitationTypes')
  exploitationTypes?: ExploitationType[];
}

/** The fields of a new case but its survivor (a case keeps its survivor), with the version read. */
@AcceptsRecordAsFetched('Case')
export class UpdateCaseDto extends OmitType(CreateCaseDto, ['survivorId'] as const) {
  @IsVersion()
  version!: number;
}

export class CaseTransitionDto {
  @ApiProperty({ enum: CASE_STATUSES })
  @IsOneOf(CASE_STATUSES, 'to')
  to!: CaseStatus;

  @ApiPropertyOptional({ maxLength: 500, description: 'Why; required to close or reopen' })
  @IsOptional()
  @Text({ min: 1, max: 500, lines: 'many' })
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
  @Text({ min: 1, max: 500, lines: 'many' })
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
  @Text({ min: 1, max: 500, lines: 'many' })
  note?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ReopenCaseDto {
  @ApiProperty({ maxLength: 500 })
  @Text({ min: 3, max: 500, lines: 'many' })
  reason!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

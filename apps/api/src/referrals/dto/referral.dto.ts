import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  REFERRAL_STATUSES,
  REFERRAL_URGENCIES,
  SERVICE_TYPES,
  SHAREABLE_SURVIVOR_FIELDS,
  type ReferralStatus,
  type ReferralUrgency,
  type ServiceType,
  type ShareableSurvivorField,
} from '@lantern/contracts';
import { IsInt, IsOptional, IsString, IsUUID, Length, MaxLength, Min } from 'class-validator';
import { IsListOf, IsOneOf, IsVersion, MultiLine, Trim } from '../../common/validators.js';

export class CreateReferralDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'caseId must be a uuid' })
  caseId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'partnerOrgId must be a uuid' })
  partnerOrgId!: string;

  @ApiProperty({ enum: SERVICE_TYPES })
  @IsOneOf(SERVICE_TYPES, 'serviceType')
  serviceType!: ServiceType;

  @ApiPropertyOptional({ enum: REFERRAL_URGENCIES, default: 'routine' })
  @IsOptional()
  @IsOneOf(REFERRAL_URGENCIES, 'urgency')
  urgency?: ReferralUrgency;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true, description: 'Why; seen by staff, never by the partner' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @MultiLine()
  reason?: string | null;

  @ApiPropertyOptional({ enum: SHAREABLE_SURVIVOR_FIELDS, isArray: true })
  @IsOptional()
  @IsListOf(SHAREABLE_SURVIVOR_FIELDS, 'sharedFields')
  sharedFields?: ShareableSurvivorField[];
}

export class UpdateReferralDto {
  @IsVersion()
  version!: number;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'partnerOrgId must be a uuid' })
  partnerOrgId?: string;

  @ApiPropertyOptional({ enum: SERVICE_TYPES })
  @IsOptional()
  @IsOneOf(SERVICE_TYPES, 'serviceType')
  serviceType?: ServiceType;

  @ApiPropertyOptional({ enum: REFERRAL_URGENCIES })
  @IsOptional()
  @IsOneOf(REFERRAL_URGENCIES, 'urgency')
  urgency?: ReferralUrgency;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @MultiLine()
  reason?: string | null;

  @ApiPropertyOptional({ enum: SHAREABLE_SURVIVOR_FIELDS, isArray: true })
  @IsOptional()
  @IsListOf(SHAREABLE_SURVIVOR_FIELDS, 'sharedFields')
  sharedFields?: ShareableSurvivorField[];
}

export class ReferralTransitionDto {
  @ApiProperty({ enum: REFERRAL_STATUSES })
  @IsOneOf(REFERRAL_STATUSES, 'to')
  to!: ReferralStatus;

  @ApiPropertyOptional({ maxLength: 500, description: 'Why; required to decline or cancel' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 500)
  @MultiLine()
  reason?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'When declining: another partner that could help' })
  @IsOptional()
  @IsUUID('all', { message: 'suggestedPartnerOrgId must be a uuid' })
  suggestedPartnerOrgId?: string;

  @ApiPropertyOptional({ minLength: 10, maxLength: 500, description: 'Coordinators: send without a covering consent, and why' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(10, 500)
  @MultiLine()
  overrideReason?: string;

  @ApiPropertyOptional({ maxLength: 1000, description: 'When completing: a short outcome note' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 1000)
  @MultiLine()
  outcomeNote?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class SuggestionsQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'caseId must be a uuid' })
  caseId!: string;

  @ApiProperty({ enum: SERVICE_TYPES })
  @IsOneOf(SERVICE_TYPES, 'serviceType')
  serviceType!: ServiceType;
}

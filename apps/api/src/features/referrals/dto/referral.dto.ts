import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  REFERRAL_NOT_SERVED_REASONS,
  REFERRAL_OUTCOMES,
  REFERRAL_STATUSES,
  REFERRAL_URGENCIES,
  SERVICE_TYPES,
  SHAREABLE_SURVIVOR_FIELDS,
  type ReferralNotServedReason,
  type ReferralOutcome,
  type ReferralRerouteBody,
  type ReferralStatus,
  type ReferralUrgency,
  type ServiceType,
  type ShareableSurvivorField,
} from '@lantern/contracts';
import { IsBoolean, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { IsListOf, IsOneOf, IsVersion, OptionalListOf, Text } from '../../../kernel/http/validators.js';
import { AcceptsRecordAsFetched } from '../../../kernel/http/record-as-fetched.js';
import { CREATE_CUSTOM, CustomValuesBody } from '../../../kernel/http/validators-extra.js';

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
  @Text({ max: 2000, lines: 'many', trim: false })
  reason?: string | null;

  @OptionalListOf(SHAREABLE_SURVIVOR_FIELDS, 'sharedFields')
  sharedFields?: ShareableSurvivorField[];

  @CustomValuesBody(CREATE_CUSTOM)
  custom?: Record<string, unknown>;
}

@AcceptsRecordAsFetched('Referral')
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
  @Text({ max: 2000, lines: 'many', trim: false })
  reason?: string | null;

  @OptionalListOf(SHAREABLE_SURVIVOR_FIELDS, 'sharedFields')
  sharedFields?: ShareableSurvivorField[];
}

export class ReferralTransitionDto {
  @ApiProperty({ enum: REFERRAL_STATUSES })
  @IsOneOf(REFERRAL_STATUSES, 'to')
  to!: ReferralStatus;

  @ApiPropertyOptional({ maxLength: 500, description: 'Why; required to decline or cancel' })
  @IsOptional()
  @Text({ min: 1, max: 500, lines: 'many' })
  reason?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'When declining: another partner that could help' })
  @IsOptional()
  @IsUUID('all', { message: 'suggestedPartnerOrgId must be a uuid' })
  suggestedPartnerOrgId?: string;

  @ApiPropertyOptional({ minLength: 10, maxLength: 500, description: 'Coordinators: send without a covering consent, and why' })
  @IsOptional()
  @Text({ min: 10, max: 500, lines: 'many' })
  overrideReason?: string;

  @ApiPropertyOptional({ maxLength: 1000, description: 'When completing: a short outcome note' })
  @IsOptional()
  @Text({ min: 1, max: 1000, lines: 'many' })
  outcomeNote?: string;

  @ApiPropertyOptional({ enum: REFERRAL_OUTCOMES, description: 'When completing (required): what became of the referral' })
  @IsOptional()
  @IsOneOf(REFERRAL_OUTCOMES, 'outcome')
  outcome?: ReferralOutcome;

  @ApiPropertyOptional({ enum: REFERRAL_NOT_SERVED_REASONS, description: 'When the outcome is not_served (required then): why' })
  @IsOptional()
  @IsOneOf(REFERRAL_NOT_SERVED_REASONS, 'outcomeReason')
  outcomeReason?: ReferralNotServedReason;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

/**
 * `POST /referrals/:id/reroute`: one move that cancels the referral (when still open) or leaves it
 * declined, and creates a new referral to another partner, linked to it. What is not given is copied
 * from the referral re-routed.
 */
export class RerouteReferralDto implements ReferralRerouteBody {
  @ApiProperty({ format: 'uuid', description: 'The partner organization the new referral goes to (not the current one)' })
  @IsUUID('all', { message: 'partnerOrgId must be a uuid' })
  partnerOrgId!: string;

  @ApiPropertyOptional({ enum: SERVICE_TYPES, description: "Default: the re-routed referral's service" })
  @IsOptional()
  @IsOneOf(SERVICE_TYPES, 'serviceType')
  serviceType?: ServiceType;

  @ApiPropertyOptional({ enum: REFERRAL_URGENCIES, description: "Default: the re-routed referral's urgency" })
  @IsOptional()
  @IsOneOf(REFERRAL_URGENCIES, 'urgency')
  urgency?: ReferralUrgency;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true, description: "The new referral's reason, staff only (null for none). Default: the re-routed referral's reason" })
  @IsOptional()
  @Text({ max: 2000, lines: 'many', trim: false })
  reason?: string | null;

  @ApiPropertyOptional({ enum: SHAREABLE_SURVIVOR_FIELDS, isArray: true, description: "Default: the re-routed referral's shared fields" })
  @IsOptional()
  @IsListOf(SHAREABLE_SURVIVOR_FIELDS, 'sharedFields')
  sharedFields?: ShareableSurvivorField[];

  @ApiPropertyOptional({ maxLength: 500, description: 'Why it is re-routed; required when the referral is still open (recorded on its cancellation)' })
  @IsOptional()
  @Text({ min: 1, max: 500, lines: 'many' })
  rerouteReason?: string;

  @ApiPropertyOptional({ default: false, description: 'Coordinators: send the new referral at once (the consent gate applies); otherwise it is a draft' })
  @IsOptional()
  @IsBoolean()
  send?: boolean;

  @ApiPropertyOptional({ minLength: 10, maxLength: 500, description: 'With send: send without a covering consent, and why' })
  @IsOptional()
  @Text({ min: 10, max: 500, lines: 'many' })
  overrideReason?: string;

  @ApiPropertyOptional({ description: 'The version of the re-routed referral you read; a stale one is refused with 409' })
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

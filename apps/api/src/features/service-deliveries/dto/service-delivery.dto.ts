import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  SERVICE_CATEGORIES,
  SERVICE_MAX_MINUTES,
  SERVICE_MAX_UNITS,
  SERVICE_NOTE_MAX,
  SERVICE_PROVIDER_KINDS,
  SERVICE_VOID_REASON_MAX,
  type ServiceCategory,
  type ServiceProviderKind,
} from '@lantern/contracts';
import { IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { AcceptsRecordAsFetched } from '../../../kernel/http/record-as-fetched.js';
import { IsCalendarDate } from '../../../kernel/http/validators-extra.js';
import { IsOneOf, IsVersion, MultiLine } from '../../../kernel/http/validators.js';

const UNITS = `units must be a whole number from 1 to ${SERVICE_MAX_UNITS}`;
const DURATION = `durationMinutes must be a whole number of minutes from 1 to ${SERVICE_MAX_MINUTES}`;

/** What a service entry says, on creation and in a correction. */
class ServiceDeliveryFieldsDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The referral it was given under; required for partner staff' })
  @IsOptional()
  @IsUUID('all', { message: 'referralId must be a uuid' })
  referralId?: string | null;

  @ApiPropertyOptional({ enum: SERVICE_PROVIDER_KINDS, description: 'Staff only (default staff); partner staff always log as their organization' })
  @IsOptional()
  @IsOneOf(SERVICE_PROVIDER_KINDS, 'providerKind')
  providerKind?: ServiceProviderKind;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'For staff: who gave it (default: you)' })
  @IsOptional()
  @IsUUID('all', { message: 'providerUserId must be a uuid' })
  providerUserId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'For partner_org: which partner organization gave it' })
  @IsOptional()
  @IsUUID('all', { message: 'partnerOrgId must be a uuid' })
  partnerOrgId?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: SERVICE_MAX_UNITS, nullable: true, description: 'Nights, sessions, rides…; units or durationMinutes (or both)' })
  @IsOptional()
  @IsInt({ message: UNITS })
  @Min(1, { message: UNITS })
  @Max(SERVICE_MAX_UNITS, { message: UNITS })
  units?: number | null;

  @ApiPropertyOptional({ minimum: 1, maximum: SERVICE_MAX_MINUTES, nullable: true })
  @IsOptional()
  @IsInt({ message: DURATION })
  @Min(1, { message: DURATION })
  @Max(SERVICE_MAX_MINUTES, { message: DURATION })
  durationMinutes?: number | null;

  @ApiPropertyOptional({ maxLength: SERVICE_NOTE_MAX, nullable: true, description: 'Encrypted at rest' })
  @IsOptional()
  @IsString()
  @MaxLength(SERVICE_NOTE_MAX)
  @MultiLine()
  note?: string | null;
}

export class CreateServiceDeliveryDto extends ServiceDeliveryFieldsDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The case; partner staff give the referral instead' })
  @IsOptional()
  @IsUUID('all', { message: 'caseId must be a uuid' })
  caseId?: string;

  @ApiProperty({ format: 'date', description: 'The day it was given: not in the future, not before the case opened' })
  @IsCalendarDate()
  deliveredOn!: string;

  @ApiProperty({ enum: SERVICE_CATEGORIES, description: 'OVC PMT victim service (VOCA categories A–E)' })
  @IsOneOf(SERVICE_CATEGORIES, 'category')
  category!: ServiceCategory;
}

/** A correction: only the fields given change. The case never changes; voiding is its own action. */
@AcceptsRecordAsFetched('ServiceDelivery')
export class UpdateServiceDeliveryDto extends ServiceDeliveryFieldsDto {
  @IsVersion()
  version!: number;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  deliveredOn?: string;

  @ApiPropertyOptional({ enum: SERVICE_CATEGORIES })
  @IsOptional()
  @IsOneOf(SERVICE_CATEGORIES, 'category')
  category?: ServiceCategory;
}

/** An entry logged in error (the wrong case, twice): kept, read-only, left out of reports. */
export class VoidServiceDeliveryDto {
  @IsVersion()
  version!: number;

  @ApiProperty({ minLength: 3, maxLength: SERVICE_VOID_REASON_MAX })
  @IsString()
  @Length(3, SERVICE_VOID_REASON_MAX)
  @MultiLine()
  reason!: string;
}

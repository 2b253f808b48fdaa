import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  CONTACT_ACTIONS,
  CONTACT_AREA_MAX,
  CONTACT_CHANNELS,
  CONTACT_DANGER,
  CONTACT_NAME_MAX,
  CONTACT_NOTE_MAX,
  CONTACT_VOID_REASON_MAX,
  CONTROL_METHODS,
  COUNTRY_CODES,
  IMMEDIATE_NEEDS,
  type ContactAction,
  type ContactChannel,
  type ContactDanger,
  type ControlMethod,
  type ImmediateNeed,
} from '@lantern/contracts';
import { IsBoolean, IsEmail, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { AcceptsRecordAsFetched } from '../../../kernel/http/record-as-fetched.js';
import { CREATE_CUSTOM, CustomValuesBody, IsCalendarDate } from '../../../kernel/http/validators-extra.js';
import { IsListOf, IsOneOf, IsVersion, MultiLine, OptionalListOf, PHONE, SingleLine, Text, Trim } from '../../../kernel/http/validators.js';

/** The quick hotline form: only the channel is required, and a contact is anonymous unless named. */
export class CreateContactDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'When it happened (default: now); not in the future' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'occurredAt must be a date and time (ISO 8601)' })
  occurredAt?: string;

  @ApiProperty({ enum: CONTACT_CHANNELS })
  @IsOneOf(CONTACT_CHANNELS, 'channel')
  channel!: ContactChannel;

  @ApiPropertyOptional({ format: 'uuid', description: 'The staff member who handled it (default: you)' })
  @IsOptional()
  @IsUUID('all', { message: 'staffUserId must be a uuid' })
  staffUserId?: string;

  @ApiPropertyOptional({ description: 'Default: true, unless a name, phone or e-mail is given' })
  @IsOptional()
  @IsBoolean({ message: 'anonymous must be true or false' })
  anonymous?: boolean;

  @ApiPropertyOptional({ maxLength: CONTACT_NAME_MAX, nullable: true, description: 'Encrypted at rest' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, CONTACT_NAME_MAX)
  @SingleLine()
  name?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Encrypted at rest' })
  @IsOptional()
  @Trim()
  @IsString()
  @Matches(PHONE, { message: 'phone must be a phone number (digits, spaces, + ( ) - .)' })
  phone?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Encrypted at rest' })
  @IsOptional()
  @Trim()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'ISO 3166-1 alpha-2', example: 'US' })
  @IsOptional()
  @IsIn(COUNTRY_CODES, { message: 'countryCode must be an ISO 3166-1 alpha-2 country code (e.g. US)' })
  countryCode?: string | null;

  @ApiPropertyOptional({ maxLength: CONTACT_AREA_MAX, nullable: true, description: 'A coarse area (city, district, county), never an address; encrypted' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(CONTACT_AREA_MAX)
  @SingleLine()
  area?: string | null;

  @OptionalListOf(IMMEDIATE_NEEDS, 'needs')
  needs?: ImmediateNeed[];

  @ApiPropertyOptional({ enum: CONTROL_METHODS, isArray: true, description: 'Indicators of trafficking (HTCDS MethodsOfControl)' })
  @IsOptional()
  @IsListOf(CONTROL_METHODS, 'indicators')
  indicators?: ControlMethod[];

  @ApiPropertyOptional({ enum: CONTACT_DANGER, description: 'Is the person in immediate danger? Default: unknown' })
  @IsOptional()
  @IsOneOf(CONTACT_DANGER, 'immediateDanger')
  immediateDanger?: ContactDanger;

  @OptionalListOf(CONTACT_ACTIONS, 'actions')
  actions?: ContactAction[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'followUpNeeded must be true or false' })
  followUpNeeded?: boolean;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  followUpOn?: string | null;

  @ApiPropertyOptional({ maxLength: CONTACT_NOTE_MAX, nullable: true, description: 'Encrypted at rest' })
  @IsOptional()
  @IsString()
  @MaxLength(CONTACT_NOTE_MAX)
  @MultiLine()
  note?: string | null;

  @CustomValuesBody(CREATE_CUSTOM)
  custom?: Record<string, unknown>;
}

/** A correction: only the fields given change (custom values through PUT /custom-values). Linking and voiding are their own actions. */
@AcceptsRecordAsFetched('Contact')
export class UpdateContactDto extends PartialType(OmitType(CreateContactDto, ['custom'] as const)) {
  @IsVersion()
  version!: number;
}

/** Link the contact to a survivor the caller may read. */
export class LinkContactDto {
  @IsVersion()
  version!: number;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'survivorId must be a uuid' })
  survivorId!: string;
}

/** Convert the contact into a new survivor, case and intake draft, in one step. */
export class ConvertContactDto {
  @IsVersion()
  version!: number;

  @ApiPropertyOptional({ maxLength: 80, description: 'Non-identifying name used on screens (default: "Contact <date>")' })
  @IsOptional()
  @Text({ min: 1, max: 80, lines: 'one' })
  alias?: string;

  /** The new survivor's custom values, as `POST /survivors` takes them (docs/custom-fields.md). */
  @CustomValuesBody(CREATE_CUSTOM)
  custom?: Record<string, unknown>;
}

export class VoidContactDto {
  @IsVersion()
  version!: number;

  @ApiProperty({ minLength: 3, maxLength: CONTACT_VOID_REASON_MAX })
  @IsString()
  @Length(3, CONTACT_VOID_REASON_MAX)
  @MultiLine()
  reason!: string;
}

/** GET /contacts/summary: the period, both days included. */
export class ContactSummaryQueryDto {
  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  to!: string;
}

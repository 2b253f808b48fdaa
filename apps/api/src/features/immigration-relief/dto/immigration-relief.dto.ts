import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CONTINUED_PRESENCE_STATUSES,
  HHS_LETTER_KINDS,
  IMMIGRATION_NOTE_MAX,
  T_VISA_STATUSES,
  type ContinuedPresenceStatus,
  type HhsLetterKind,
  type TVisaStatus,
} from '@lantern/contracts';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { AcceptsRecordAsFetched } from '../../../kernel/http/record-as-fetched.js';
import { IsCalendarDate } from '../../../kernel/http/validators-extra.js';
import { IsOneOf, IsVersion, MultiLine, OptionalOneOf } from '../../../kernel/http/validators.js';

/** The states and dates of the three forms of relief, and a note; only what is given changes. */
class ImmigrationReliefFieldsDto {
  @ApiPropertyOptional({ enum: T_VISA_STATUSES, description: 'Default not_applied' })
  @IsOptional()
  @IsOneOf(T_VISA_STATUSES, 'tVisaStatus')
  tVisaStatus?: TVisaStatus;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  tVisaAppliedOn?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true, description: 'When it was approved or denied' })
  @IsOptional()
  @IsCalendarDate()
  tVisaDecidedOn?: string | null;

  @ApiPropertyOptional({ enum: CONTINUED_PRESENCE_STATUSES, description: 'Default not_requested' })
  @IsOptional()
  @IsOneOf(CONTINUED_PRESENCE_STATUSES, 'continuedPresenceStatus')
  continuedPresenceStatus?: ContinuedPresenceStatus;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  continuedPresenceRequestedOn?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true, description: 'When it was granted or denied' })
  @IsOptional()
  @IsCalendarDate()
  continuedPresenceDecidedOn?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true, description: 'When granted Continued Presence ends' })
  @IsOptional()
  @IsCalendarDate()
  continuedPresenceExpiresOn?: string | null;

  @OptionalOneOf(HHS_LETTER_KINDS, 'hhsLetter')
  hhsLetter?: HhsLetterKind | null;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  hhsLetterRequestedOn?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  hhsLetterIssuedOn?: string | null;

  @ApiPropertyOptional({ maxLength: IMMIGRATION_NOTE_MAX, nullable: true, description: 'Encrypted at rest' })
  @IsOptional()
  @IsString()
  @MaxLength(IMMIGRATION_NOTE_MAX)
  @MultiLine()
  note?: string | null;
}

export class CreateImmigrationReliefDto extends ImmigrationReliefFieldsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'caseId must be a uuid' })
  caseId!: string;
}

/** A change of the record: only the fields given change; its case never does. */
@AcceptsRecordAsFetched('ImmigrationRelief')
export class UpdateImmigrationReliefDto extends ImmigrationReliefFieldsDto {
  @IsVersion()
  version!: number;
}

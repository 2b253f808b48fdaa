import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  APPOINTMENT_KINDS,
  APPOINTMENT_MAX_ATTENDEES,
  APPOINTMENT_MAX_MINUTES,
  APPOINTMENT_NOTE_MAX,
  type AppointmentKind,
} from '@lantern/contracts';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { AcceptsRecordAsFetched } from '../../../kernel/http/record-as-fetched.js';
import { IsOneOf, IsVersion, MultiLine } from '../../../kernel/http/validators.js';

const DURATION = `durationMinutes must be a whole number of minutes from 1 to ${APPOINTMENT_MAX_MINUTES}`;

/**
 * Who attends, when given: one to APPOINTMENT_MAX_ATTENDEES distinct user ids. The checks are registered
 * in the order the stacked decorators (@IsArray ... @IsUUID) were, so the first refusal is the same.
 */
const IsAttendeeList = () =>
  applyDecorators(
    IsUUID('all', { each: true, message: 'attendeeUserIds must be user ids' }),
    ArrayUnique({ message: 'attendeeUserIds must not repeat a person' }),
    ArrayMaxSize(APPOINTMENT_MAX_ATTENDEES, { message: `attendeeUserIds may name at most ${APPOINTMENT_MAX_ATTENDEES} people` }),
    ArrayMinSize(1, { message: 'attendeeUserIds must name at least one person' }),
    IsArray({ message: 'attendeeUserIds must be a list of user ids' }),
    IsOptional(),
  );

export class CreateAppointmentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'caseId must be a uuid' })
  caseId!: string;

  @ApiProperty({ format: 'date-time', description: 'With its offset or Z; stored in UTC' })
  @IsISO8601({ strict: true }, { message: 'startsAt must be an ISO date-time' })
  startsAt!: string;

  @ApiProperty({ minimum: 1, maximum: APPOINTMENT_MAX_MINUTES })
  @IsInt({ message: DURATION })
  @Min(1, { message: DURATION })
  @Max(APPOINTMENT_MAX_MINUTES, { message: DURATION })
  durationMinutes!: number;

  @ApiProperty({ enum: APPOINTMENT_KINDS })
  @IsOneOf(APPOINTMENT_KINDS, 'kind')
  kind!: AppointmentKind;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'partnerOrgId must be a uuid' })
  partnerOrgId?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'Staff of the organization who attend; defaults to you' })
  @IsAttendeeList()
  attendeeUserIds?: string[];

  @ApiPropertyOptional({ maxLength: APPOINTMENT_NOTE_MAX, nullable: true, description: 'Encrypted at rest; never in the calendar feed' })
  @IsOptional()
  @IsString()
  @MaxLength(APPOINTMENT_NOTE_MAX)
  @MultiLine()
  note?: string | null;
}

/** A change of an appointment: only the fields given change. Its case never changes. */
@AcceptsRecordAsFetched('Appointment')
export class UpdateAppointmentDto {
  @IsVersion()
  version!: number;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'startsAt must be an ISO date-time' })
  startsAt?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: APPOINTMENT_MAX_MINUTES })
  @IsOptional()
  @IsInt({ message: DURATION })
  @Min(1, { message: DURATION })
  @Max(APPOINTMENT_MAX_MINUTES, { message: DURATION })
  durationMinutes?: number;

  @ApiPropertyOptional({ enum: APPOINTMENT_KINDS })
  @IsOptional()
  @IsOneOf(APPOINTMENT_KINDS, 'kind')
  kind?: AppointmentKind;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'partnerOrgId must be a uuid' })
  partnerOrgId?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsAttendeeList()
  attendeeUserIds?: string[];

  @ApiPropertyOptional({ maxLength: APPOINTMENT_NOTE_MAX, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(APPOINTMENT_NOTE_MAX)
  @MultiLine()
  note?: string | null;
}

export class CancelAppointmentDto {
  @IsVersion()
  version!: number;
}

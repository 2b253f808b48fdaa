import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CONTACT_METHODS, NOTE_TYPES, type ContactMethod, type NoteType } from '@lantern/contracts';
import { IsBoolean, IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsOneOf, MultiLine } from '../../../kernel/http/validators.js';

export const NOTE_BODY_MAX = 20_000;

export class CreateCaseNoteDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'caseId must be a uuid' })
  caseId!: string;

  @ApiProperty({ enum: NOTE_TYPES })
  @IsOneOf(NOTE_TYPES, 'noteType')
  noteType!: NoteType;

  @ApiProperty({ enum: CONTACT_METHODS })
  @IsOneOf(CONTACT_METHODS, 'contactMethod')
  contactMethod!: ContactMethod;

  @ApiProperty({ maxLength: NOTE_BODY_MAX })
  @IsString()
  @Length(1, NOTE_BODY_MAX)
  @MultiLine()
  body!: string;

  @ApiPropertyOptional({ default: false, description: 'Visible to the author and the assigned caseworker only' })
  @IsOptional()
  @IsBoolean()
  restricted?: boolean;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the contact happened; defaults to now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'occurredAt must be an ISO date-time' })
  occurredAt?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The note this one corrects' })
  @IsOptional()
  @IsUUID('all', { message: 'correctsNoteId must be a uuid' })
  correctsNoteId?: string;
}

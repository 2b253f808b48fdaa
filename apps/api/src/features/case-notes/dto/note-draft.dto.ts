import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CONTACT_METHODS, NOTE_TYPES, type ContactMethod, type NoteType } from '@lantern/contracts';
import { IsBoolean, IsISO8601, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsOneOf, MultiLine } from '../../../kernel/http/validators.js';
import { NOTE_BODY_MAX } from './case-note.dto.js';

/** The author's draft of a note on a case, as the note form holds it (features/case-notes/note-drafts.service.ts). */
export class SaveNoteDraftDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'caseId must be a uuid' })
  caseId!: string;

  @ApiPropertyOptional({ description: 'The version last returned; left out only when the author has no draft on this case yet' })
  @IsOptional()
  @IsInt({ message: 'version must be an integer' })
  @Min(1)
  version?: number;

  @ApiProperty({ enum: NOTE_TYPES })
  @IsOneOf(NOTE_TYPES, 'noteType')
  noteType!: NoteType;

  @ApiProperty({ enum: CONTACT_METHODS })
  @IsOneOf(CONTACT_METHODS, 'contactMethod')
  contactMethod!: ContactMethod;

  @ApiProperty({ format: 'date-time', nullable: true, description: 'When the contact happened, if the author has set it' })
  @ValidateIf((_o, value) => value !== null)
  @IsISO8601({ strict: true }, { message: 'occurredAt must be an ISO date-time' })
  occurredAt!: string | null;

  @ApiProperty()
  @IsBoolean()
  restricted!: boolean;

  @ApiProperty({ maxLength: NOTE_BODY_MAX, description: 'May be empty while nothing is typed yet' })
  @IsString()
  @MaxLength(NOTE_BODY_MAX)
  @MultiLine()
  body!: string;
}

export class NoteDraftQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'caseId must be a uuid' })
  caseId!: string;
}

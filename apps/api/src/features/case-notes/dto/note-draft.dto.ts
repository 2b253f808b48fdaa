import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsBoolean, IsISO8601, IsInt, IsOptional, IsString, MaxLength, Min, ValidateIf } from 'class-validator';
import { MultiLine } from '../../../kernel/http/validators.js';
import { CreateCaseNoteDto, NOTE_BODY_MAX } from './case-note.dto.js';

/**
 * The author's draft of a note on a case, as the note form holds it (features/case-notes/note-drafts.service.ts).
 * Its case, note type and contact method are the note's, checked the same way.
 */
export class SaveNoteDraftDto extends PickType(CreateCaseNoteDto, ['caseId', 'noteType', 'contactMethod'] as const) {
  @ApiPropertyOptional({ description: 'The version last returned; left out only when the author has no draft on this case yet' })
  @IsOptional()
  @IsInt({ message: 'version must be an integer' })
  @Min(1)
  version?: number;

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

export class NoteDraftQueryDto extends PickType(CreateCaseNoteDto, ['caseId'] as const) {}

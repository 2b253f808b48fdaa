import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RETENTION_MAX_YEARS, RETENTION_MIN_YEARS } from '@lantern/contracts';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { Text, Trim } from '../../../kernel/http/validators.js';

/** A case number as Lantern writes them (`LN-2026-00042`): letters, digits and dashes. */
const CASE_NUMBER = /^[A-Za-z0-9-]{1,20}$/;

/** Whom to erase: one of her case numbers, or, for a survivor who has no case, her record's id (exactly one of the two). */
export class CreateErasureRequestDto {
  @ApiPropertyOptional({ description: 'The number of one of her cases (admins know cases by number, never by name)', example: 'LN-2026-00042' })
  @IsOptional()
  @Trim()
  @IsString()
  @Matches(CASE_NUMBER, { message: 'caseNumber must be a case number such as LN-2026-00042' })
  caseNumber?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only for a survivor who has no case (a contact converted, an import, a merge): the id of her record' })
  @IsOptional()
  @IsUUID('all', { message: 'survivorId must be the id of a survivor record' })
  survivorId?: string;

  @ApiProperty({ minLength: 10, maxLength: 500, description: 'Why, e.g. how and when she asked; never her story' })
  @Text({ min: 10, max: 500, lines: 'many' })
  reason!: string;
}

export class DecideErasureRequestDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @Text({ min: 0, max: 500, lines: 'many' })
  note?: string;

  @ApiProperty({ description: 'The version of the request you read' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class UpdateRetentionPolicyDto {
  @ApiProperty({ minimum: RETENTION_MIN_YEARS, maximum: RETENTION_MAX_YEARS, description: 'Years closed cases are kept after their last activity' })
  @IsInt({ message: 'closedCaseYears must be a whole number of years' })
  @Min(RETENTION_MIN_YEARS)
  @Max(RETENTION_MAX_YEARS)
  closedCaseYears!: number;
}

export class PlaceLegalHoldDto {
  @ApiProperty({ example: 'LN-2026-00042' })
  @Trim()
  @IsString()
  @Matches(CASE_NUMBER, { message: 'caseNumber must be a case number such as LN-2026-00042' })
  caseNumber!: string;

  @ApiProperty({ minLength: 10, maxLength: 500, description: 'Why the case must be kept (a subpoena, a pending trial...)' })
  @Text({ min: 10, max: 500, lines: 'many' })
  reason!: string;
}

export class LiftLegalHoldDto {
  @ApiProperty({ minLength: 10, maxLength: 500 })
  @Text({ min: 10, max: 500, lines: 'many' })
  reason!: string;

  @ApiProperty({ description: 'The version of the hold you read' })
  @IsInt()
  @Min(1)
  version!: number;
}

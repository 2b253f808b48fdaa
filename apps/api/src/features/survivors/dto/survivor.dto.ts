import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { GENDERS, type Gender } from '@lantern/contracts';
import { ArrayMaxSize, ArrayUnique, IsArray, IsEmail, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CREATE_CUSTOM, CustomValuesBody, IsPastDate } from '../../../kernel/http/validators-extra.js';
import { IsVersion, OptionalOneOf, PHONE, Text, Trim } from '../../../kernel/http/validators.js';
import { AcceptsRecordAsFetched } from '../../../kernel/http/record-as-fetched.js';

/**
 * A birth year a client may leave out: 1900 to this year. The checks are registered in the order the
 * stacked decorators (@IsInt @Min @Max) were, so a client is refused with the same first message.
 */
const OptionalBirthYear = (documented: { nullable?: boolean; description?: string }) =>
  applyDecorators(Max(new Date().getUTCFullYear()), Min(1900), IsInt(), IsOptional(), ApiPropertyOptional({ minimum: 1900, ...documented }));

export class CreateSurvivorDto {
  @ApiProperty({ maxLength: 80, description: 'Non-identifying name used on screens', example: 'Blue Heron' })
  @Text({ min: 1, max: 80, lines: 'one' })
  alias!: string;

  @ApiPropertyOptional({ maxLength: 200, nullable: true })
  @IsOptional()
  @Text({ min: 1, max: 200, lines: 'one' })
  legalName?: string | null;

  @ApiPropertyOptional({ maxLength: 120, nullable: true })
  @IsOptional()
  @Text({ min: 1, max: 120, lines: 'one' })
  preferredName?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @IsPastDate('1900-01-01')
  dateOfBirth?: string | null;

  @OptionalBirthYear({ nullable: true })
  birthYear?: number | null;

  @OptionalOneOf(GENDERS, 'gender')
  gender?: Gender | null;

  @ApiPropertyOptional({ maxLength: 40, nullable: true })
  @IsOptional()
  @Text({ max: 40, lines: 'one' })
  pronouns?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'ISO 3166-1 alpha-2 codes', example: ['MX'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @Matches(/^[A-Z]{2}$/, { each: true, message: 'citizenship must be ISO 3166-1 alpha-2 country codes (e.g. MX)' })
  citizenship?: string[];

  @ApiPropertyOptional({ type: [String], description: 'ISO 639 language codes', example: ['es', 'en'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(8)
  @ArrayUnique()
  @Matches(/^[a-z]{2,3}$/, { each: true, message: 'languages must be ISO 639 codes (e.g. es)' })
  languages?: string[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @Matches(PHONE, { message: 'phone must be a phone number (digits, spaces, + ( ) - .)' })
  phone?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Trim()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ maxLength: 500, nullable: true })
  @IsOptional()
  @Text({ max: 500, lines: 'many' })
  address?: string | null;

  @ApiPropertyOptional({ maxLength: 1000, nullable: true, description: 'How to reach the survivor safely' })
  @IsOptional()
  @Text({ max: 1000, lines: 'many' })
  safeContactInstructions?: string | null;

  @CustomValuesBody(CREATE_CUSTOM)
  custom?: Record<string, unknown>;
}

/** A change: only the fields given change (custom values through PUT /custom-values/survivor/:id). */
@AcceptsRecordAsFetched('Survivor')
export class UpdateSurvivorDto extends PartialType(OmitType(CreateSurvivorDto, ['custom'] as const)) {
  @IsVersion()
  version!: number;
}

export class SearchSurvivorsDto {
  @ApiPropertyOptional({ description: 'Any name of the survivor, or the start of one (one or more words)', maxLength: 100 })
  @IsOptional()
  @Text({ min: 2, max: 100, lines: 'one' })
  name?: string;

  @ApiPropertyOptional({ description: 'Former name of `name`, still accepted', maxLength: 100, deprecated: true })
  @IsOptional()
  @Text({ min: 2, max: 100, lines: 'one' })
  lastName?: string;

  @OptionalBirthYear({ description: 'Exactly this birth year (optional)' })
  birthYear?: number;

  @OptionalBirthYear({ description: 'Born in this year or later (optional)' })
  birthYearFrom?: number;

  @OptionalBirthYear({ description: 'Born in this year or earlier (optional)' })
  birthYearTo?: number;
}

/** The draft of a new survivor, checked for likely duplicates before it is saved (never blocking). */
export class DuplicateCheckDto {
  @ApiPropertyOptional({ maxLength: 80 })
  @IsOptional()
  @Text({ max: 80, lines: 'one' })
  alias?: string;

  @ApiPropertyOptional({ maxLength: 200, nullable: true })
  @IsOptional()
  @Text({ max: 200, lines: 'one' })
  legalName?: string | null;

  @ApiPropertyOptional({ maxLength: 120, nullable: true })
  @IsOptional()
  @Text({ max: 120, lines: 'one' })
  preferredName?: string | null;

  @OptionalBirthYear({ nullable: true })
  birthYear?: number | null;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @IsPastDate('1900-01-01')
  dateOfBirth?: string | null;

  @ApiPropertyOptional({ nullable: true, maxLength: 40 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(40)
  @Matches(PHONE, { message: 'phone must be a phone number (digits, spaces, + ( ) - .)' })
  phone?: string | null;

  @ApiPropertyOptional({ nullable: true, maxLength: 254 })
  @IsOptional()
  @Trim()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string | null;
}

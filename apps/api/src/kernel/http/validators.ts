import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, MaxLength, Min, type ValidationOptions } from 'class-validator';

/** No NUL or other control characters (they break logs, CSV and terminals); one line of text. */
export const SingleLine = (options?: ValidationOptions) =>
  Matches(/^[^\p{Cc}]*$/u, { message: '$property must not contain control characters or line breaks', ...options });

/** Text that may span lines but carries no other control characters. */
export const MultiLine = (options?: ValidationOptions) =>
  Matches(/^[^\p{Cc}]*(?:[\n\t][^\p{Cc}]*)*$/u, { message: '$property must not contain control characters', ...options });

/** Trims strings; leaves other types alone so the type validators can refuse them. */
export const Trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export const PHONE = /^\+?[0-9][0-9 ().-]{2,30}$/;

/** One value of a published vocabulary, with a message that lists them. */
export const IsOneOf = (values: readonly string[], field: string) =>
  IsIn(values, { message: `${field} must be one of ${values.join(', ')}` });

/** A list of distinct values of a published vocabulary (HTCDS, service types...). */
export const IsListOf = (values: readonly string[], field: string) =>
  applyDecorators(
    IsArray(),
    ArrayUnique(),
    ArrayMaxSize(values.length),
    IsIn(values, { each: true, message: `${field} must each be one of ${values.join(', ')}` }),
  );

/** The `version` a write was based on (optimistic concurrency; stale → 409). */
export const IsVersion = () =>
  applyDecorators(
    ApiProperty({ description: 'The version you read; a stale version is refused with 409' }),
    IsInt(),
    Min(1),
  );

/** A field a client may leave out or clear with null: one value of a published vocabulary. */
export const OptionalOneOf = (values: readonly string[], field: string) =>
  applyDecorators(ApiPropertyOptional({ enum: values, nullable: true }), IsOptional(), IsOneOf(values, field));

/** A field a client may leave out: a list of distinct values of a published vocabulary. */
export const OptionalListOf = (values: readonly string[], field: string) =>
  applyDecorators(ApiPropertyOptional({ enum: values, isArray: true }), IsOptional(), IsListOf(values, field));

/**
 * A string of at most `max` characters (and at least `min` when given), on one line or on several,
 * trimmed first unless `trim` is false. The checks are registered in the order the decorators
 * @Trim() @IsString() @Length() @MultiLine() stacked on a field are, so a client is refused with the same
 * first message.
 */
export const Text = ({ max, min, lines, trim = true }: { max: number; min?: number; lines: 'one' | 'many'; trim?: boolean }) =>
  applyDecorators(
    lines === 'one' ? SingleLine() : MultiLine(),
    min === undefined ? MaxLength(max) : Length(min, max),
    IsString(),
    ...(trim ? [Trim()] : []),
  );

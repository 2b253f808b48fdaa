import { Transform } from 'class-transformer';
import { Matches, type ValidationOptions } from 'class-validator';

/** No NUL or other control characters (they break logs, CSV and terminals); one line of text. */
export const SingleLine = (options?: ValidationOptions) =>
  Matches(/^[^\p{Cc}]*$/u, { message: '$property must not contain control characters or line breaks', ...options });

/** Text that may span lines but carries no other control characters. */
export const MultiLine = (options?: ValidationOptions) =>
  Matches(/^[^\p{Cc}]*(?:[\n\t][^\p{Cc}]*)*$/u, { message: '$property must not contain control characters', ...options });

/** Trims strings; leaves other types alone so the type validators can refuse them. */
export const Trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export const PHONE = /^\+?[0-9][0-9 ().-]{2,30}$/;

import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date `YYYY-MM-DD` (not 2026-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** `YYYY-MM-DD`, a real date, between `min` and today (no births or intakes in the future). */
export function IsPastDate(min = '1900-01-01', options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isPastDate',
      target: target.constructor,
      propertyName,
      options: { message: `$property must be a date (YYYY-MM-DD) between ${min} and today`, ...options },
      validator: {
        validate(value: unknown, _args: ValidationArguments) {
          if (value === null || value === undefined) return true;
          if (!isCalendarDate(value)) return false;
          return value >= min && value <= new Date().toISOString().slice(0, 10);
        },
      },
    });
}

/** A real calendar date `YYYY-MM-DD`, past or future (plan dates, due dates). */
export function IsCalendarDate(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName,
      options: { message: '$property must be a real date (YYYY-MM-DD)', ...options },
      validator: { validate: (value: unknown) => value === null || value === undefined || isCalendarDate(value) },
    });
}

/**
 * A body's `custom`: a record's custom values by field key (docs/custom-fields.md), an object here; each
 * value is checked against its definition by features/custom-fields, which names `custom.<key>`.
 */
export function CustomValuesBody(description: string) {
  return applyDecorators(ApiPropertyOptional({ description }), IsOptional(), IsObject({ message: 'custom must be an object of values by field key' }));
}

/** How a create body's `custom` is described. */
export const CREATE_CUSTOM = 'Its custom values by field key, checked as PUT /custom-values checks them; required fields of the form must be given (docs/custom-fields.md)';

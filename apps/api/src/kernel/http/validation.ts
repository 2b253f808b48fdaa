import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError } from './domain-error.js';

function collect(errors: ValidationError[], prefix: string, out: Record<string, string[]>): void {
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) {
      out[path] = Object.entries(error.constraints).map(([rule, message]) =>
        rule === 'whitelistValidation' ? 'is not a field that can be sent here' : message.replace(/^\S+ /, ''),
      );
    }
    if (error.children?.length) collect(error.children, path, out);
  }
}

/**
 * Strict input: unknown fields are refused (no mass assignment), types are not coerced, and every
 * problem is reported by field name. Messages are class-validator's with the field name moved out.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields: Record<string, string[]> = {};
      collect(errors, '', fields);
      const names = Object.keys(fields);
      return new DomainError(
        'VALIDATION_FAILED',
        names.length ? `Invalid input: ${names.map((n) => `${n} ${fields[n]![0]}`).join('; ')}` : 'Invalid input',
        fields,
      );
    },
  });
}

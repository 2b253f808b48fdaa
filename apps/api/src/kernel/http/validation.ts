import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { SUBJECT_FIELDS, type SubjectType } from '@lantern/permissions';
import { DomainError } from './domain-error.js';
import { declaredProperties, recordAsFetchedSubject } from './record-as-fetched.js';
import { requestContext } from './request-context.js';

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
  return new LanternValidationPipe({
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

/**
 * Computed parts of a record's answer that are no field at all: the case's per-person permissions, an
 * appointment's calendar conflicts.
 */
const COMPUTED_KEYS = new Set(['permissions', 'conflicts']);

/**
 * On a PUT whose DTO accepts the record as fetched (kernel/http/record-as-fetched.ts), the fields the
 * subject returns but the DTO does not take are set aside before validation, for the record-access layer
 * to compare with the stored record. Anything else still goes through the whitelist and is refused.
 */
class LanternValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const subject = metadata.type === 'body' ? recordAsFetchedSubject(metadata.metatype) : undefined;
    const context = requestContext.get();
    if (subject && context?.method === 'PUT' && value && typeof value === 'object' && !Array.isArray(value)) {
      const declared = declaredProperties(metadata.metatype as new () => object);
      const returned = new Set<string>(SUBJECT_FIELDS[subject as SubjectType] ?? []);
      const body: Record<string, unknown> = {};
      const echoes: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(value)) {
        if (!declared.has(key) && (returned.has(key) || COMPUTED_KEYS.has(key))) echoes[key] = field;
        else body[key] = field;
      }
      context.echoes = { subject, values: echoes };
      return super.transform(body, metadata);
    }
    return super.transform(value, metadata);
  }
}

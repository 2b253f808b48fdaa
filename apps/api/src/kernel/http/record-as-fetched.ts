import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';

/**
 * react-admin's convention for updates (issue 13): a stock client (`ra-data-simple-rest`) sends the record
 * back as it fetched it, with `id`, `organizationId`, `createdAt` and the like. A DTO marked
 * `@AcceptsRecordAsFetched('Case')` lets `PUT` carry those read-only fields: the validation pipe takes
 * them out of the body before validation (kernel/http/validation.ts) and keeps them in the request
 * context, and the record-access layer compares them with the stored record when it loads it for the
 * change (`RecordAccess.assertEchoes`): equal, they are ignored; different, 400 naming the field.
 * Fields the subject never returns are still refused, as before.
 */
const SUBJECT_KEY = Symbol('lantern:record-as-fetched');

export function AcceptsRecordAsFetched(subject: string): ClassDecorator {
  return (target) => Reflect.defineMetadata(SUBJECT_KEY, subject, target);
}

export function recordAsFetchedSubject(dto: unknown): string | undefined {
  return typeof dto === 'function' ? (Reflect.getMetadata(SUBJECT_KEY, dto) as string | undefined) : undefined;
}

/** The properties a DTO declares (each has at least one class-validator decorator: the whitelist). */
export function declaredProperties(dto: new () => object): Set<string> {
  return new Set(getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false).map((m) => m.propertyName));
}

/** Read-only fields a client echoed back with a PUT, set aside for the record-access layer. */
export interface Echoes {
  subject: string;
  values: Record<string, unknown>;
}

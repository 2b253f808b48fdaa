import { permittedFields, permittedFieldSet, type Action, type AppAbility, type SubjectType } from '@lantern/permissions';
import { forbiddenFields } from './domain-error.js';

/** A record as plain fields: what `serialize` takes and gives, and a raw row; one name for the whole API. */
export type Plain = Record<string, unknown>;

/**
 * Builds a response from the fields the ability allows on this very record (permittedFieldsOf), never
 * from the raw entity: a field nobody listed is never sent. A caller that has already computed that set
 * for the same ability and record (to decrypt only what may be read) passes it as `allowed`.
 */
export function serialize<T extends object>(
  ability: AppAbility,
  type: SubjectType,
  record: T,
  plain: Plain,
  allowed: ReadonlySet<string> = permittedFieldSet(ability, 'read', type, record),
): Plain {
  const out: Plain = {};
  for (const key of Object.keys(plain)) {
    if (!allowed.has(key)) continue;
    const value = plain[key];
    out[key] = value instanceof Date ? value.toISOString() : value;
  }
  return out;
}

/** Refuses a write that names a field the role may not set on this record (no mass assignment). */
export function assertWritable(ability: AppAbility, action: Action, type: SubjectType, record: object, fields: string[]): void {
  const allowed = new Set(permittedFields(ability, action, type, record));
  const refused = fields.filter((f) => !allowed.has(f));
  if (refused.length > 0) throw forbiddenFields(refused);
}

/** Names of the fields whose values differ, for the audit row (names only, never values). */
export function changedFields(before: Plain, patch: Plain): string[] {
  return Object.keys(patch).filter((key) => {
    const a = before[key];
    const b = patch[key];
    if (Array.isArray(a) && Array.isArray(b)) return a.length !== b.length || a.some((v, i) => v !== b[i]);
    if (a instanceof Date && b instanceof Date) return a.getTime() !== b.getTime();
    return a !== b;
  });
}

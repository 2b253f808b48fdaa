import {
  CUSTOM_FIELD_TYPES,
  CUSTOM_FIELDS_PER_FORM,
  FORM_DOCUMENT_FORMAT,
  FORM_DOCUMENT_VERSION,
  ROLES,
  type CustomFieldEntity,
  type CustomFieldOption,
  type CustomFieldType,
  type FormDocumentCustomField,
  type FormKey,
  type Role,
} from '@lantern/contracts';
import { checkMetrics, checkRoles, checkStep, documentOptionsOf, FIELD_KEY, isChoice, parseLabel, parseOptions } from '../custom-fields/index.js';
import { badRequest, DomainError } from '../../kernel/http/domain-error.js';

/**
 * The pure checks of a shared form document (issue 18; docs/forms.md, "Sharing a form"): its format,
 * and each custom field by the rules a definition made by hand obeys. Every failure is a 400 naming the
 * path in the document (`customFields[2].options[1].label.en`).
 */

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const DOCUMENT_KEYS = new Set(['format', 'formatVersion', 'form', 'fields', 'customFields']);
const FIELD_KEYS = new Set(['key', 'type', 'label', 'help', 'options', 'required', 'pii', 'readRoles', 'writeRoles', 'shareable', 'metrics', 'min', 'max', 'step']);

/** Runs a check whose 400 names a path inside one item, and names it from the document's root. */
export function under<T>(path: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof DomainError && error.errors) {
      const errors = Object.fromEntries(Object.entries(error.errors).map(([key, problems]) => [`${path}.${key}`, problems]));
      throw new DomainError(error.code, `Invalid input: ${Object.keys(errors).join(', ')} ${Object.values(errors).flat().join('; ')}`, errors);
    }
    throw error;
  }
}

/** The document's envelope: the format, its version, the form it describes. */
export function checkEnvelope(form: FormKey, document: unknown): { fields: unknown; customFields: unknown[] } {
  if (!isObject(document)) throw badRequest('document', 'must be a form document (an object)');
  for (const key of Object.keys(document)) if (!DOCUMENT_KEYS.has(key)) throw badRequest(`document.${key}`, 'is not a part of a form document');
  if (document.format !== FORM_DOCUMENT_FORMAT) throw badRequest('document.format', `must be "${FORM_DOCUMENT_FORMAT}"`);
  if (document.formatVersion !== FORM_DOCUMENT_VERSION) throw badRequest('document.formatVersion', `must be ${FORM_DOCUMENT_VERSION}: this Lantern reads no other version`);
  if (document.form !== form) throw badRequest('document.form', `describes the ${String(document.form)} form, not the ${form} form`);
  const customFields = document.customFields ?? [];
  if (!Array.isArray(customFields)) throw badRequest('document.customFields', 'must be a list of custom fields');
  if (customFields.length > CUSTOM_FIELDS_PER_FORM) throw badRequest('document.customFields', `has ${customFields.length} fields: a form has at most ${CUSTOM_FIELDS_PER_FORM}`);
  return { fields: document.fields ?? [], customFields };
}

const bool = (item: Record<string, unknown>, key: string): boolean => {
  const value = item[key] ?? false;
  if (typeof value !== 'boolean') throw badRequest(key, 'must be true or false');
  return value;
};
const bound = (item: Record<string, unknown>, key: string): number | null => {
  const value = item[key] ?? null;
  if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) throw badRequest(key, 'must be a number or null');
  return value as number | null;
};
const roles = (item: Record<string, unknown>, key: string): Role[] => {
  const value = item[key] ?? [];
  if (!Array.isArray(value) || value.some((r) => !(ROLES as readonly unknown[]).includes(r))) throw badRequest(key, `must be a list of roles (${ROLES.join(', ')})`);
  return [...new Set(value as Role[])];
};

/** One custom field of the document, checked as the admin's form would check it (options without ids yet). */
export function checkCustomField(raw: unknown, entity: CustomFieldEntity): FormDocumentCustomField {
  if (!isObject(raw)) throw badRequest('key', 'must be a custom field (an object)');
  for (const key of Object.keys(raw)) if (!FIELD_KEYS.has(key)) throw badRequest(key, 'is not a part of a custom field');
  if (typeof raw.key !== 'string' || !FIELD_KEY.test(raw.key)) throw badRequest('key', 'must be camelCase letters and digits, starting with a lower-case letter (at most 60)');
  if (!(CUSTOM_FIELD_TYPES as readonly unknown[]).includes(raw.type)) throw badRequest('type', `must be one of ${CUSTOM_FIELD_TYPES.join(', ')}`);
  const type = raw.type as CustomFieldType;
  const label = parseLabel(raw.label, 'label', true)!;
  const help = parseLabel(raw.help, 'help', false);
  const input = raw.options ?? [];
  if (!Array.isArray(input)) throw badRequest('options', 'must be a list of options');
  if (!isChoice(type) && input.length > 0) throw badRequest('options', 'only choice fields have options');
  const options = documentOptionsOf(parseOptions(input, []));
  if (isChoice(type) && options.filter((o) => !o.retired).length === 0) throw badRequest('options', 'a choice field needs at least one option that is not retired');
  const field: FormDocumentCustomField = {
    key: raw.key,
    type,
    label,
    help,
    options,
    required: bool(raw, 'required'),
    pii: bool(raw, 'pii'),
    readRoles: roles(raw, 'readRoles'),
    writeRoles: roles(raw, 'writeRoles'),
    shareable: bool(raw, 'shareable'),
    metrics: bool(raw, 'metrics'),
    min: bound(raw, 'min'),
    max: bound(raw, 'max'),
    step: raw.step === undefined || raw.step === null ? null : typeof raw.step === 'string' ? raw.step : '',
  };
  checkStep(entity, field.step ?? null);
  checkMetrics(type, field.metrics, field.pii);
  if ((field.min !== null || field.max !== null) && type !== 'number') throw badRequest(field.min !== null ? 'min' : 'max', 'only number fields have a range');
  if (field.min !== null && field.max !== null && field.min > field.max) throw badRequest('max', 'must not be below min');
  checkRoles(field);
  return field;
}

/**
 * The options of an existing field after an import: an option of the document keeps the id of the
 * existing option with the same English label; an existing option the document leaves out is retired
 * (never dropped, so the records that have it keep it).
 */
export function mergeOptions(previous: CustomFieldOption[], incoming: FormDocumentCustomField['options']): CustomFieldOption[] {
  const byLabel = new Map(previous.map((o) => [o.label.en.toLocaleLowerCase(), o]));
  const kept = incoming.map((o) => ({ ...(byLabel.has(o.label.en.toLocaleLowerCase()) ? { id: byLabel.get(o.label.en.toLocaleLowerCase())!.id } : {}), label: o.label, retired: o.retired }));
  const named = new Set(kept.map((o) => o.id).filter(Boolean));
  const left = previous.filter((o) => !named.has(o.id)).map((o) => ({ id: o.id, label: o.label, retired: true }));
  return parseOptions([...kept, ...left], previous);
}

/** A key for the field that is free in the organization and in the document. */
export function freeKey(key: string, taken: Set<string>): string {
  for (let n = 2; ; n++) {
    const candidate = `${key.slice(0, 60 - String(n).length)}${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

import { randomUUID } from 'node:crypto';
import { BUILT_IN_FORMS, CUSTOM_FIELD_METRIC_TYPES, type CustomFieldEntity, type CustomFieldLabel, type CustomFieldOption, type CustomFieldType, type CustomValue, type Role } from '@lantern/contracts';
import { badRequest } from '../../kernel/http/domain-error.js';

/**
 * The pure checks of custom fields (issue 18; docs/custom-fields.md): a definition's labels and options,
 * and a value against its definition. Each failure is a 400 naming the part that is wrong.
 */

const CHOICE_TYPES: readonly CustomFieldType[] = ['singleChoice', 'multipleChoice'];
export const isChoice = (type: CustomFieldType): boolean => CHOICE_TYPES.includes(type);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TEXT_LIMIT: Partial<Record<CustomFieldType, number>> = { shortText: 200, longText: 10_000 };

export function parseLabel(value: unknown, field: string, required: boolean): CustomFieldLabel | null {
  if (value === null || value === undefined) {
    if (required) throw badRequest(`${field}.en`, 'is required');
    return null;
  }
  if (typeof value !== 'object' || Array.isArray(value)) throw badRequest(field, 'must be an object of texts by language (en, es)');
  const entries = value as Record<string, unknown>;
  for (const key of Object.keys(entries)) if (key !== 'en' && key !== 'es') throw badRequest(`${field}.${key}`, 'is not a language Lantern offers (en, es)');
  const label: CustomFieldLabel = { en: '' };
  for (const lang of ['en', 'es'] as const) {
    const text = entries[lang];
    if (text === undefined) continue;
    if (typeof text !== 'string' || text.trim().length === 0 || text.length > 300 || /[\r\n]/.test(text)) {
      throw badRequest(`${field}.${lang}`, 'must be a single line of 1 to 300 characters');
    }
    label[lang] = text.trim();
  }
  if (!label.en) throw badRequest(`${field}.en`, 'is required');
  return label;
}

/**
 * The option list after a change: existing options keep their id (sent back with it), new ones get one.
 * An option that was in the list stays in it (retire it instead); two options may not share a label.
 */
export function parseOptions(input: unknown[], previous: CustomFieldOption[]): CustomFieldOption[] {
  const known = new Map(previous.map((o) => [o.id, o]));
  const seen = new Map<string, number>();
  const options = input.map((raw, i): CustomFieldOption => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw badRequest(`options[${i}]`, 'must be an object with a label');
    const item = raw as Record<string, unknown>;
    for (const key of Object.keys(item)) if (!['id', 'label', 'retired'].includes(key)) throw badRequest(`options[${i}].${key}`, 'is not a part of an option');
    if (item.id !== undefined && (typeof item.id !== 'string' || !known.has(item.id))) throw badRequest(`options[${i}].id`, 'is not an option of this field');
    if (item.retired !== undefined && typeof item.retired !== 'boolean') throw badRequest(`options[${i}].retired`, 'must be true or false');
    const label = parseLabel(item.label, `options[${i}].label`, true)!;
    for (const lang of ['en', 'es'] as const) {
      const text = label[lang]?.toLocaleLowerCase();
      if (!text) continue;
      const first = seen.get(`${lang}:${text}`);
      if (first !== undefined) throw badRequest(`options[${i}].label.${lang}`, `duplicates option ${first + 1}: each option must be different`);
      seen.set(`${lang}:${text}`, i);
    }
    const id = typeof item.id === 'string' ? item.id : randomUUID();
    return { id, label, retired: item.retired === true };
  });
  const ids = new Set(options.map((o) => o.id));
  if (ids.size !== options.length) throw badRequest('options', 'names the same option twice');
  const dropped = previous.find((o) => !ids.has(o.id));
  if (dropped) throw badRequest('options', `cannot drop the option "${dropped.label.en}": retire it, so the records that have it keep it`);
  return options;
}

export interface ValueRules {
  type: CustomFieldType;
  options: CustomFieldOption[];
  min: number | null;
  max: number | null;
}

/**
 * A value checked against its definition: the type, the options (a retired one only if the record
 * already has it), the range. `person` is checked by the caller (a user of the organization).
 */
export function checkValue(rules: ValueRules, value: unknown, field: string, stored: CustomValue | undefined): CustomValue {
  if (value === null) return null;
  const { type } = rules;
  const choosable = (id: unknown, i?: number): string => {
    const at = i === undefined ? field : `${field}[${i}]`;
    if (typeof id !== 'string') throw badRequest(at, 'must be an option id');
    const option = rules.options.find((o) => o.id === id);
    if (!option) throw badRequest(at, 'is not an option of this field');
    const had = Array.isArray(stored) ? stored.includes(id) : stored === id;
    if (option.retired && !had) throw badRequest(at, `"${option.label.en}" is retired and cannot be chosen anew`);
    return id;
  };
  switch (type) {
    case 'shortText':
    case 'longText': {
      const limit = TEXT_LIMIT[type]!;
      if (typeof value !== 'string' || value.trim().length === 0) throw badRequest(field, 'must be a text (send null to clear it)');
      if (value.length > limit) throw badRequest(field, `must be at most ${limit} characters`);
      if (type === 'shortText' && /[\r\n]/.test(value)) throw badRequest(field, 'must be a single line');
      return value.trim();
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw badRequest(field, 'must be a number');
      if (rules.min !== null && value < rules.min) throw badRequest(field, `must be at least ${rules.min}`);
      if (rules.max !== null && value > rules.max) throw badRequest(field, `must be at most ${rules.max}`);
      return value;
    }
    case 'date': {
      if (typeof value !== 'string' || !ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
        throw badRequest(field, 'must be a date (YYYY-MM-DD)');
      }
      return value;
    }
    case 'yesNo':
      if (typeof value !== 'boolean') throw badRequest(field, 'must be true or false');
      return value;
    case 'singleChoice':
      return choosable(value);
    case 'multipleChoice': {
      if (!Array.isArray(value)) throw badRequest(field, 'must be a list of option ids');
      const ids = value.map((id, i) => choosable(id, i));
      if (new Set(ids).size !== ids.length) throw badRequest(field, 'names the same option twice');
      return ids;
    }
    case 'person':
      if (typeof value !== 'string' || !/^[0-9a-f-]{36}$/i.test(value)) throw badRequest(field, 'must be the id of a staff member');
      return value.toLowerCase();
  }
}

/**
 * Whether a value counts as given: nothing, null, an empty text and an empty list are no value (clearing
 * a required multiple choice is emptying it). A stored PII value is its ciphertext, so it counts unread.
 */
export function isGiven(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
}

/**
 * The one rule of a required custom field (docs/custom-fields.md): a field that is required and not
 * retired, left without a value. The record's age is the caller's to weigh (a field required for new
 * records only, `applyTo: 'new'`, does not bind one created before); a record being created is bound by
 * every such field. Used by the values routes (CustomValuesService.missingRequired) and by a spreadsheet
 * import's dry run (workflows/imports/import-custom.ts), so the two never disagree.
 */
export function missesRequired(field: { required: boolean; retiredAt: Date | null }, value: unknown): boolean {
  return field.required && !field.retiredAt && !isGiven(value);
}

/** Whether a definition may feed the anonymized metrics: categories only, never PII. */
export function checkMetrics(type: CustomFieldType, metrics: boolean, pii: boolean): void {
  if (!metrics) return;
  if (!CUSTOM_FIELD_METRIC_TYPES.includes(type)) throw badRequest('metrics', 'only choice and yes/no fields may feed the anonymized metrics');
  if (pii) throw badRequest('metrics', 'a PII field never feeds the anonymized metrics');
}

/**
 * Who may read and write a field: the one rule for a definition made by hand and one imported from a
 * form document (features/forms/form-transfer.service.ts), so a document may not grant what the admin's form refuses.
 */
export function checkRoles(field: { readRoles: Role[]; writeRoles: Role[]; shareable: boolean; pii: boolean }): void {
  const unreadable = field.writeRoles.find((r) => !field.readRoles.includes(r));
  if (unreadable) throw badRequest('writeRoles', `${unreadable} may write the field only if it may read it: add it to readRoles`);
  if ((field.readRoles.includes('partner') || field.writeRoles.includes('partner')) && !field.shareable) {
    throw badRequest('readRoles', "partner staff see a field only when it is shareable, under the survivor's consent");
  }
  if (field.writeRoles.includes('partner')) throw badRequest('writeRoles', 'partner staff cannot write custom fields');
  // What a survivor told is never handed to a partner organization through a custom field, consent or
  // not: a PII or narrative field is not shareable (docs/custom-fields.md, "Sharing with partners").
  if (field.pii && field.shareable) throw badRequest('shareable', 'a PII or narrative field is never shared with partners: leave it unshared');
  // Admins see a case's status, never what a survivor told: a PII field is not theirs to read.
  if (field.pii && field.readRoles.includes('admin')) throw badRequest('readRoles', "administrators do not read survivors' PII: leave admin out of a PII field");
}

/**
 * Where an intake field shows in the stepper (docs/custom-fields.md, "In the intake's stepper"): one of the
 * intake form's steps, or null for the group of the step before the review. Other forms have no steps.
 */
export function checkStep(entity: CustomFieldEntity, step: string | null): void {
  if (step === null) return;
  if (entity !== 'intake') throw badRequest('step', 'only intake fields are placed in a step of the stepper');
  const steps = BUILT_IN_FORMS.intake.steps;
  if (!steps.includes(step)) throw badRequest('step', `is not a step of the intake: one of ${steps.join(', ')}`);
}

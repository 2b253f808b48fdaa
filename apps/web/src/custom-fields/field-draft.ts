import {
  CUSTOM_FIELD_METRIC_TYPES,
  type CustomFieldEntity,
  type CustomFieldResponse,
  type CustomFieldType,
  type CustomValue,
  type Role,
} from '@lantern/contracts';
import { useState } from 'react';

/**
 * The admin's editor of a custom field (issue 18; docs/custom-fields.md) keeps a draft of the definition
 * and sends what the API takes: the whole option list (existing options by id, never dropped, only
 * retired), labels by language, roles. The rules the API enforces are mirrored here only to offer what
 * it allows (metrics for choice and yes/no fields, not PII; admins never reading a PII field); the API
 * stays the judge and names the part it refuses.
 */
export interface DraftOption {
  /** A stable key for the list on screen; the server's id once saved. */
  key: string;
  id?: string;
  en: string;
  es: string;
  retired: boolean;
}

export interface FieldDraft {
  entity: CustomFieldEntity;
  key: string;
  type: CustomFieldType;
  labelEn: string;
  labelEs: string;
  helpEn: string;
  helpEs: string;
  options: DraftOption[];
  pii: boolean;
  readRoles: Role[];
  writeRoles: Role[];
  shareable: boolean;
  metrics: boolean;
  /**
   * Required: an intake is not submitted without it. Records that already exist are not asked for it
   * (applyTo 'new') unless `backfill`: then each one that has no value gets `backfillValue` ('backfill').
   */
  required: boolean;
  backfill: boolean;
  backfillValue: CustomValue | undefined;
  /** A number field's bounds, as typed ('' for none). */
  min: string;
  max: string;
  /** An intake field's step of the stepper ('' for the group before the review). */
  step: string;
}

export const CHOICE_TYPES: readonly CustomFieldType[] = ['singleChoice', 'multipleChoice'];

let nextKey = 0;
const newKey = (): string => `new-${++nextKey}`;

export const emptyDraft = (): FieldDraft => ({
  entity: 'case',
  key: '',
  type: 'shortText',
  labelEn: '',
  labelEs: '',
  helpEn: '',
  helpEs: '',
  options: [],
  pii: false,
  readRoles: ['caseworker', 'coordinator'],
  writeRoles: ['caseworker'],
  shareable: false,
  metrics: false,
  required: false,
  backfill: false,
  backfillValue: undefined,
  min: '',
  max: '',
  step: '',
});

export const draftOf = (field: CustomFieldResponse): FieldDraft => ({
  entity: field.entity,
  key: field.key,
  type: field.type,
  labelEn: field.label.en,
  labelEs: field.label.es ?? '',
  helpEn: field.help?.en ?? '',
  helpEs: field.help?.es ?? '',
  options: field.options.map((option) => ({ key: option.id, id: option.id, en: option.label.en, es: option.label.es ?? '', retired: option.retired })),
  pii: field.pii,
  readRoles: [...field.readRoles],
  writeRoles: [...field.writeRoles],
  shareable: field.shareable,
  metrics: field.metrics,
  required: field.required,
  backfill: false,
  backfillValue: undefined,
  min: field.min === null ? '' : String(field.min),
  max: field.max === null ? '' : String(field.max),
  step: field.step ?? '',
});

/** May the field feed the metrics at all (the API's rule: categories only, never PII)? */
export const metricsAllowed = (draft: Pick<FieldDraft, 'type' | 'pii'>): boolean => CUSTOM_FIELD_METRIC_TYPES.includes(draft.type) && !draft.pii;

/** Roles the draft may name as readers: partners only on a shareable field, admins never on a PII one. */
export const readableBy = (role: Role, draft: Pick<FieldDraft, 'pii' | 'shareable'>): boolean =>
  (role !== 'partner' || draft.shareable) && (role !== 'admin' || !draft.pii);

/** Roles the draft may name as writers: readers only, never partners. */
export const writableBy = (role: Role, draft: Pick<FieldDraft, 'pii' | 'shareable' | 'readRoles'>): boolean =>
  role !== 'partner' && draft.readRoles.includes(role) && readableBy(role, draft);

/** A PII or narrative field is never shared with partners (the API refuses it, naming `shareable`). */
export const shareableAllowed = (draft: Pick<FieldDraft, 'pii'>): boolean => !draft.pii;

/**
 * May the records that already exist be filled in with one value when the field becomes required (the
 * API's rule: never a PII field or a person; a choice only among options that are saved, since the value
 * is an option's id)? `savedRequired`: the field was required already, so nothing becomes required.
 */
export const backfillAllowed = (draft: Pick<FieldDraft, 'type' | 'pii' | 'required' | 'options'>, savedRequired = false): boolean =>
  draft.required &&
  !savedRequired &&
  !draft.pii &&
  draft.type !== 'person' &&
  (!CHOICE_TYPES.includes(draft.type) || draft.options.some((option) => option.id && !option.retired));

/** A change of one setting, with what it makes impossible taken out (a writer who may no longer read...). */
export function withChange(draft: FieldDraft, change: Partial<FieldDraft>): FieldDraft {
  const next = { ...draft, ...change };
  if (!shareableAllowed(next)) next.shareable = false;
  next.readRoles = next.readRoles.filter((role) => readableBy(role, next));
  next.writeRoles = next.writeRoles.filter((role) => writableBy(role, next));
  if (!metricsAllowed(next)) next.metrics = false;
  if (next.type !== draft.type) next.backfillValue = undefined;
  if (!backfillAllowed(next)) next.backfill = false;
  return next;
}

export const addOption = (options: DraftOption[]): DraftOption[] => [...options, { key: newKey(), en: '', es: '', retired: false }];

/** A saved option is retired, never dropped; one not yet saved simply goes. */
export const removeOption = (options: DraftOption[], key: string): DraftOption[] =>
  options.flatMap((option) => (option.key !== key ? [option] : option.id ? [{ ...option, retired: !option.retired }] : []));

export function moveOption(options: DraftOption[], key: string, by: -1 | 1): DraftOption[] {
  const from = options.findIndex((option) => option.key === key);
  const to = from + by;
  if (from < 0 || to < 0 || to >= options.length) return options;
  const next = [...options];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

export const relabelOption = (options: DraftOption[], key: string, lang: 'en' | 'es', text: string): DraftOption[] =>
  options.map((option) => (option.key === key ? { ...option, [lang]: text } : option));

const label = (en: string, es: string): { en: string; es?: string } => ({ en: en.trim(), ...(es.trim() ? { es: es.trim() } : {}) });

/** The settings both a creation and a change send. */
function settings(draft: FieldDraft): Record<string, unknown> {
  return {
    label: label(draft.labelEn, draft.labelEs),
    help: draft.helpEn.trim() ? label(draft.helpEn, draft.helpEs) : null,
    ...(CHOICE_TYPES.includes(draft.type)
      ? { options: draft.options.map((option) => ({ ...(option.id ? { id: option.id } : {}), label: label(option.en, option.es), retired: option.retired })) }
      : {}),
    readRoles: draft.readRoles,
    writeRoles: draft.writeRoles,
    shareable: draft.shareable,
    metrics: draft.metrics,
    required: draft.required,
    ...(draft.type === 'number' ? { min: bound(draft.min), max: bound(draft.max) } : {}),
    // Only the intake has steps (the API refuses a step elsewhere).
    ...(draft.entity === 'intake' ? { step: draft.step || null } : {}),
  };
}

const bound = (typed: string): number | null => (typed.trim() === '' ? null : Number(typed));

/** How records that already exist meet a field that becomes required: not asked, or filled in with one value. */
const existing = (draft: FieldDraft): Record<string, unknown> =>
  draft.backfill && backfillAllowed(draft) ? { applyTo: 'backfill', backfillValue: draft.backfillValue ?? null } : { applyTo: 'new' };

export const creationOf = (draft: FieldDraft): Record<string, unknown> => ({
  entity: draft.entity,
  key: draft.key.trim(),
  type: draft.type,
  pii: draft.pii,
  ...settings(draft),
  ...(draft.required ? existing(draft) : {}),
});

/** A change: the type and PII mark only when they changed (the API refuses either once values exist). */
export function changeOf(draft: FieldDraft, field: CustomFieldResponse): Record<string, unknown> {
  return {
    version: field.version,
    ...(draft.key.trim() !== field.key ? { key: draft.key.trim() } : {}),
    ...(draft.type !== field.type ? { type: draft.type } : {}),
    ...(draft.pii !== field.pii ? { pii: draft.pii } : {}),
    ...settings(draft),
    ...(draft.required && !field.required ? existing(draft) : {}),
  };
}

const boundOk = (typed: string): boolean => typed.trim() === '' || Number.isFinite(Number(typed));

export const draftReady = (draft: FieldDraft): boolean =>
  draft.key.trim().length > 0 &&
  boundOk(draft.min) &&
  boundOk(draft.max) &&
  draft.labelEn.trim().length > 0 &&
  (!CHOICE_TYPES.includes(draft.type) || (draft.options.some((option) => !option.retired) && draft.options.every((option) => option.en.trim().length > 0)));

/** The editor's draft, with the option list's operations. */
export function useFieldDraft(field?: CustomFieldResponse) {
  const [draft, setDraft] = useState<FieldDraft>(() => (field ? draftOf(field) : emptyDraft()));
  const change = (part: Partial<FieldDraft>): void => setDraft((current) => withChange(current, part));
  const options = (update: (list: DraftOption[]) => DraftOption[]): void => setDraft((current) => ({ ...current, options: update(current.options) }));
  return {
    draft,
    change,
    addOption: () => options(addOption),
    removeOption: (key: string) => options((list) => removeOption(list, key)),
    moveOption: (key: string, by: -1 | 1) => options((list) => moveOption(list, key, by)),
    relabelOption: (key: string, lang: 'en' | 'es', text: string) => options((list) => relabelOption(list, key, lang, text)),
  };
}

export type FieldDraftState = ReturnType<typeof useFieldDraft>;

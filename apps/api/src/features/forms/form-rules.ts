import {
  BUILT_IN_FORMS,
  FORM_HELP_MAX,
  FORM_LABEL_MAX,
  FORM_LANGUAGES,
  REQUIRED_STAGES,
  stageRank,
  type FormDefinitionResponse,
  type FormFieldDefinition,
  type FormKey,
  type RequiredSetting,
  type RequiredStage,
  type Translations,
} from '@lantern/contracts';

/** One field's setting once checked, as it is stored. */
export interface FieldSetting {
  key: string;
  hidden: boolean;
  required: RequiredSetting;
  labels: Translations;
  help: Translations;
  position: number | null;
}

export type FieldErrors = Record<string, string[]>;

const SETTING_KEYS = new Set(['key', 'hidden', 'required', 'label', 'help', 'order']);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Labels or help texts per language: only known languages, each a non-empty text without line breaks in a label. */
function translations(value: unknown, at: string, max: number, errors: FieldErrors, singleLine: boolean): Translations {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) {
    errors[at] = ['must be an object of texts by language (en, es)'];
    return {};
  }
  const out: Translations = {};
  for (const [language, text] of Object.entries(value)) {
    const where = `${at}.${language}`;
    if (!(FORM_LANGUAGES as readonly string[]).includes(language)) errors[where] = [`is not a language of Lantern (${FORM_LANGUAGES.join(', ')})`];
    else if (text === null || text === undefined) continue;
    else if (typeof text !== 'string') errors[where] = ['must be a text'];
    else if (text.trim().length === 0) errors[where] = ['is empty: leave the language out to use Lantern\'s own text'];
    else if (text.trim().length > max) errors[where] = [`is longer than ${max} characters`];
    else if (singleLine && /[\r\n]/.test(text)) errors[where] = ['must be one line'];
    // eslint-disable-next-line no-control-regex
    else if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) errors[where] = ['contains control characters'];
    else out[language as keyof Translations] = text.trim();
  }
  return out;
}

/**
 * Checks an admin's settings of one form against the registry (libs/contracts/src/forms.ts): every
 * error names the field (`fields.<key>.<setting>`) and nothing is written while there is one. A field
 * Lantern needs is never hidden, a requirement is never weaker than Lantern's own, a stage must be one
 * this form can reach, and two fields of a step never share a position.
 */
export function checkFormSettings(form: FormKey, input: unknown): { settings: FieldSetting[]; errors: FieldErrors } {
  const definition = BUILT_IN_FORMS[form];
  const errors: FieldErrors = {};
  const settings: FieldSetting[] = [];
  if (!Array.isArray(input)) return { settings, errors: { fields: ['must be a list of field settings'] } };
  const seen = new Set<string>();
  input.forEach((raw, index) => {
    if (!isObject(raw) || typeof raw.key !== 'string') {
      errors[`fields.${index}.key`] = ['must name a field of the form'];
      return;
    }
    const key = raw.key;
    const field = definition.fields.find((candidate) => candidate.key === key);
    const at = `fields.${key}`;
    if (!field) {
      errors[`${at}.key`] = [`is not a field of the ${form} form`];
      return;
    }
    if (seen.has(key)) {
      errors[`${at}.key`] = ['is given twice'];
      return;
    }
    seen.add(key);
    for (const name of Object.keys(raw)) if (!SETTING_KEYS.has(name)) errors[`${at}.${name}`] = ['is not a setting of a field'];
    let hidden = false;
    if (raw.hidden !== undefined) {
      if (typeof raw.hidden !== 'boolean') errors[`${at}.hidden`] = ['must be true or false'];
      else hidden = raw.hidden;
    }
    if (hidden && field.locked) errors[`${at}.hidden`] = ['cannot be hidden: Lantern needs this field'];
    let required: RequiredSetting = 'none';
    if (raw.required !== undefined) {
      const stage = raw.required;
      if (stage !== 'none' && !(REQUIRED_STAGES as readonly unknown[]).includes(stage)) {
        errors[`${at}.required`] = [`must be one of none, ${REQUIRED_STAGES.join(', ')}`];
      } else if (stage !== 'none' && !definition.stages.includes(stage as RequiredStage)) {
        errors[`${at}.required`] = [`cannot be ${String(stage)} on the ${form} form: choose one of none, ${definition.stages.join(', ')}`];
      } else if (field.requiredFrom && stage !== 'none' && stageRank(stage as RequiredStage) > stageRank(field.requiredFrom)) {
        errors[`${at}.required`] = [`cannot be later than Lantern's own rule (${field.requiredFrom})`];
      } else required = stage as RequiredSetting;
    }
    if (hidden && required !== 'none') errors[`${at}.required`] = ['a hidden field cannot be required'];
    const labels = translations(raw.label, `${at}.label`, FORM_LABEL_MAX, errors, true);
    const help = translations(raw.help, `${at}.help`, FORM_HELP_MAX, errors, false);
    let position: number | null = null;
    if (raw.order !== undefined && raw.order !== null) {
      const stepSize = definition.fields.filter((other) => other.step === field.step).length;
      if (typeof raw.order !== 'number' || !Number.isInteger(raw.order) || raw.order < 1 || raw.order > stepSize) {
        errors[`${at}.order`] = [`must be a whole number from 1 to ${stepSize} (the fields of its step)`];
      } else position = raw.order;
    }
    settings.push({ key, hidden, required, labels, help, position });
  });
  // Two fields of one step in the same place: both are named.
  for (const step of definition.steps) {
    const byPosition = new Map<number, string[]>();
    for (const field of definition.fields.filter((candidate) => candidate.step === step)) {
      const position = positionOf(form, field.key, settings);
      byPosition.set(position, [...(byPosition.get(position) ?? []), field.key]);
    }
    for (const [position, keys] of byPosition) {
      if (keys.length > 1) for (const key of keys) errors[`fields.${key}.order`] = [`shares position ${position} of step ${step} with ${keys.filter((k) => k !== key).join(', ')}`];
    }
  }
  return { settings, errors };
}

/** A field's position in its step: the setting's, else its place in the registry. */
function positionOf(form: FormKey, key: string, settings: readonly Pick<FieldSetting, 'key' | 'position'>[]): number {
  const field = BUILT_IN_FORMS[form].fields.find((candidate) => candidate.key === key)!;
  const set = settings.find((setting) => setting.key === key)?.position;
  if (set) return set;
  return BUILT_IN_FORMS[form].fields.filter((other) => other.step === field.step).findIndex((other) => other.key === key) + 1;
}

/** The stricter of two "required from" stages. */
function earliest(a: RequiredStage | 'always' | undefined, b: RequiredSetting): RequiredStage | 'always' | null {
  const rank = Math.min(stageRank(a), stageRank(b));
  if (rank >= REQUIRED_STAGES.length) return null;
  return rank < 0 ? 'always' : REQUIRED_STAGES[rank]!;
}

/** The registry merged with the organization's settings: what the web renders and the API enforces. */
export function effectiveDefinition(
  form: FormKey,
  settings: readonly FieldSetting[],
  meta: { version: number; updatedAt: Date | null; updatedBy: string | null },
): FormDefinitionResponse {
  const definition = BUILT_IN_FORMS[form];
  const fields: FormFieldDefinition[] = definition.fields.map((field) => {
    const setting = settings.find((candidate) => candidate.key === field.key);
    // A locked field stays visible even if a row says otherwise (the registry may lock a field later).
    const hidden = Boolean(setting?.hidden) && !field.locked;
    const required = hidden ? 'none' : (setting?.required ?? 'none');
    return {
      key: field.key,
      step: field.step,
      locked: field.locked ?? null,
      builtInRequired: field.requiredFrom ?? null,
      hidden,
      required,
      requiredFrom: earliest(field.requiredFrom, required),
      label: { ...(setting?.labels ?? {}) },
      help: { ...(setting?.help ?? {}) },
      order: positionOf(form, field.key, settings),
    };
  });
  fields.sort((a, b) => definition.steps.indexOf(a.step) - definition.steps.indexOf(b.step) || a.order - b.order);
  return {
    form,
    steps: [...definition.steps],
    stages: [...definition.stages],
    fields,
    version: meta.version,
    updatedAt: meta.updatedAt ? meta.updatedAt.toISOString() : null,
    updatedBy: meta.updatedBy,
  };
}

/** Whether a stored value counts as given: not null, not an empty text, list or object. */
export function hasValue(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/**
 * The fields an organization requires at `stage` beyond Lantern's own rules, per form, that `values`
 * leaves empty; keys are `<form>.<field>` except for the form being checked (`own`), named plainly.
 */
export function missingRequired(
  definitions: readonly FormDefinitionResponse[],
  stage: RequiredStage,
  values: Partial<Record<FormKey, Record<string, unknown> | null>>,
  own: FormKey | null,
  message: string,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const definition of definitions) {
    const record = values[definition.form];
    if (!record) continue;
    for (const field of definition.fields) {
      if (field.required === 'none' || stageRank(field.required) > stageRank(stage)) continue;
      if (hasValue(record[field.key])) continue;
      errors[definition.form === own ? field.key : `${definition.form}.${field.key}`] = [message];
    }
  }
  return errors;
}

import type { FormDefinitionResponse, FormFieldSettingInput, RequiredSetting } from '@lantern/contracts';

/** One field as the admin edits it (texts as typed: empty means "Lantern's own"). */
export interface DraftField {
  key: string;
  step: string;
  locked: FormDefinitionResponse['fields'][number]['locked'];
  builtInRequired: FormDefinitionResponse['fields'][number]['builtInRequired'];
  hidden: boolean;
  required: RequiredSetting;
  label: { en: string; es: string };
  help: { en: string; es: string };
  order: number;
}

export function draftOf(definition: FormDefinitionResponse): DraftField[] {
  return definition.fields.map((f) => ({
    key: f.key,
    step: f.step,
    locked: f.locked,
    builtInRequired: f.builtInRequired,
    hidden: f.hidden,
    required: f.required,
    label: { en: f.label.en ?? '', es: f.label.es ?? '' },
    help: { en: f.help.en ?? '', es: f.help.es ?? '' },
    order: f.order,
  }));
}

/** The fields of a step, in their order. */
export function stepFields(draft: readonly DraftField[], step: string): DraftField[] {
  return draft.filter((f) => f.step === step).sort((a, b) => a.order - b.order);
}

/** Moves a field one place up (-1) or down (+1) in its step; the step's positions become 1..n again. */
export function move(draft: readonly DraftField[], key: string, by: -1 | 1): DraftField[] {
  const field = draft.find((f) => f.key === key);
  if (!field) return [...draft];
  const fields = stepFields(draft, field.step);
  const from = fields.findIndex((f) => f.key === key);
  const to = from + by;
  if (to < 0 || to >= fields.length) return [...draft];
  [fields[from], fields[to]] = [fields[to]!, fields[from]!];
  const orders = new Map(fields.map((f, i) => [f.key, i + 1]));
  return draft.map((f) => (orders.has(f.key) ? { ...f, order: orders.get(f.key)! } : f));
}

const texts = (value: { en: string; es: string }) => {
  const out: Record<string, string> = {};
  for (const language of ['en', 'es'] as const) if (value[language].trim()) out[language] = value[language].trim();
  return out;
};

/** The body of PUT /forms/:form: every field, texts left empty meaning Lantern's own. */
export function settingsOf(draft: readonly DraftField[]): FormFieldSettingInput[] {
  return draft.map((f) => ({ key: f.key, hidden: f.hidden, required: f.required, label: texts(f.label), help: texts(f.help), order: f.order }));
}

import {
  BUILT_IN_FORMS,
  requiredAt,
  type FormDefinitionResponse,
  type FormFieldDefinition,
  type FormKey,
  type FormLanguage,
  type RequiredStage,
} from '@lantern/contracts';

/** Lantern's own label of a field (the translation catalogue's `resources.<resource>.fields.*`). */
export const BUILT_IN_LABEL_KEY: Record<FormKey, (key: string) => string> = {
  intake: (key) => `resources.intakes.fields.${key}`,
  survivor: (key) => `resources.survivors.fields.${key}`,
  case: (key) => `resources.cases.fields.${key}`,
};

/** One field as a form renders it: the organization's words in the reader's language, else Lantern's. */
export interface FieldView {
  key: string;
  step: string;
  label: string;
  /** The organization's help text in this language; undefined when it set none. */
  help: string | undefined;
  /** Whether the organization chose the label (the built-in one otherwise). */
  relabelled: boolean;
  hidden: boolean;
  requiredFrom: FormFieldDefinition['requiredFrom'];
  /** Required by the organization (beyond Lantern's own rule), from this stage. */
  orgRequired: FormFieldDefinition['required'];
  order: number;
}

export interface FormView {
  form: FormKey;
  field(key: string): FieldView | undefined;
  /** Whether the field is shown (unknown keys are: the registry names every built-in field). */
  visible(key: string): boolean;
  /** The given keys that are shown, in the organization's order. */
  ordered<K extends string>(keys: readonly K[]): K[];
  /** The fields the organization requires at this stage (beyond Lantern's own rules), shown ones only. */
  requiredAt(stage: RequiredStage): FieldView[];
}

/** The registry alone, while the organization's definition loads (or when it cannot be read). */
function registryDefinition(form: FormKey): FormDefinitionResponse {
  const definition = BUILT_IN_FORMS[form];
  const positions = new Map<string, number>();
  return {
    form,
    steps: [...definition.steps],
    stages: [...definition.stages],
    fields: definition.fields.map((f) => {
      const order = (positions.get(f.step) ?? 0) + 1;
      positions.set(f.step, order);
      return { key: f.key, step: f.step, locked: f.locked ?? null, builtInRequired: f.requiredFrom ?? null, hidden: false, required: 'none', requiredFrom: f.requiredFrom ?? null, label: {}, help: {}, order };
    }),
    version: 0,
    updatedAt: null,
    updatedBy: null,
  };
}

/**
 * Merges an organization's definition of a form (GET /forms/:form) with Lantern's labels in the reader's
 * language: what the intake stepper and the other forms render (docs/forms.md).
 */
export function formView(form: FormKey, definition: FormDefinitionResponse | undefined, language: FormLanguage, builtInLabel: (key: string) => string): FormView {
  const source = definition && definition.form === form ? definition : registryDefinition(form);
  const fields = new Map<string, FieldView>(
    source.fields.map((f) => [
      f.key,
      {
        key: f.key,
        step: f.step,
        label: f.label[language] ?? builtInLabel(f.key),
        help: f.help[language],
        relabelled: f.label[language] !== undefined,
        hidden: f.hidden,
        requiredFrom: f.requiredFrom,
        orgRequired: f.required,
        order: f.order,
      },
    ]),
  );
  const visible = (key: string) => !fields.get(key)?.hidden;
  return {
    form,
    field: (key) => fields.get(key),
    visible,
    ordered: (keys) =>
      keys
        .filter(visible)
        .map((key, index) => ({ key, index }))
        .sort((a, b) => (fields.get(a.key)?.order ?? a.index + 1) - (fields.get(b.key)?.order ?? b.index + 1) || a.index - b.index)
        .map(({ key }) => key),
    requiredAt: (stage) => [...fields.values()].filter((f) => !f.hidden && f.orgRequired !== 'none' && requiredAt(f.orgRequired, stage)),
  };
}

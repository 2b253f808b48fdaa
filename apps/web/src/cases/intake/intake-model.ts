import { RISK_QUESTIONS, type CustomValue, type IntakeResponse, type RiskAnswers } from '@lantern/contracts';
import { translate } from '../../i18n/translate';

/** The writable fields of an intake, as the form holds them. */
export interface IntakeValues {
  intakeDate: string | null;
  identifiedBy: string | null;
  exploitationTypes: string[];
  controlMethods: string[];
  recruitmentMethods: string[];
  immediateNeeds: string[];
  riskScreening: RiskAnswers;
  narrative: string | null;
  // The HTCDS 2.0 core (issue 17, part 2).
  traffickingStatus: string | null;
  recruitmentCountry: string | null;
  recruitmentRegion: string | null;
  exploitationCountry: string | null;
  exploitationRegion: string | null;
  forcedLabourIndustry: string | null;
  sexualExploitationTypes: string[];
  relationshipToTrafficker: string | null;
  /** Whole years; the number input may hold text while typing, normalized on save. */
  ageWhenTrafficked: number | string | null;
  /** The draft's custom values by field key (docs/custom-fields.md), saved with the rest. */
  custom?: Record<string, CustomValue>;
}

export const INTAKE_FIELDS = [
  'intakeDate',
  'identifiedBy',
  'exploitationTypes',
  'controlMethods',
  'recruitmentMethods',
  'immediateNeeds',
  'riskScreening',
  'narrative',
  'traffickingStatus',
  'recruitmentCountry',
  'recruitmentRegion',
  'exploitationCountry',
  'exploitationRegion',
  'forcedLabourIndustry',
  'sexualExploitationTypes',
  'relationshipToTrafficker',
  'ageWhenTrafficked',
] as const satisfies readonly (keyof IntakeValues)[];

export type IntakeField = (typeof INTAKE_FIELDS)[number];

export interface IntakeStep {
  key: string;
  label: string;
  fields: readonly IntakeField[];
}

/** A step whose label is read in the current language (`lantern.intake.steps.<key>`). */
function step(key: string, fields: readonly IntakeField[]): IntakeStep {
  return {
    key,
    fields,
    get label() {
      return translate(`lantern.intake.steps.${key}`);
    },
  };
}

export const STEPS: readonly IntakeStep[] = [
  step('identification', ['intakeDate', 'identifiedBy', 'traffickingStatus']),
  step('exploitation', ['exploitationTypes', 'sexualExploitationTypes', 'forcedLabourIndustry', 'controlMethods', 'exploitationCountry', 'exploitationRegion']),
  step('recruitment', ['recruitmentMethods', 'recruitmentCountry', 'recruitmentRegion', 'relationshipToTrafficker', 'ageWhenTrafficked']),
  step('needs', ['immediateNeeds']),
  step('risk', ['riskScreening']),
  step('narrative', ['narrative']),
  step('review', []),
];

export const REVIEW_STEP = STEPS.length - 1;

/** The intake's field names in the current language (`resources.intakes.fields.*`). */
export const FIELD_LABELS = {} as Readonly<Record<IntakeField, string>>;
for (const field of INTAKE_FIELDS) {
  Object.defineProperty(FIELD_LABELS, field, { enumerable: true, get: () => translate(`resources.intakes.fields.${field}`) });
}

export function emptyValues(): IntakeValues {
  return {
    intakeDate: new Date().toISOString().slice(0, 10),
    identifiedBy: null,
    exploitationTypes: [],
    controlMethods: [],
    recruitmentMethods: [],
    immediateNeeds: [],
    riskScreening: {},
    narrative: null,
    ...emptyCore(),
  };
}

function emptyCore() {
  return {
    traffickingStatus: null,
    recruitmentCountry: null,
    recruitmentRegion: null,
    exploitationCountry: null,
    exploitationRegion: null,
    forcedLabourIndustry: null,
    sexualExploitationTypes: [],
    relationshipToTrafficker: null,
    ageWhenTrafficked: null,
  };
}

export function valuesOf(intake: Partial<IntakeResponse> | undefined): IntakeValues {
  if (!intake) return emptyValues();
  return {
    intakeDate: intake.intakeDate ?? null,
    identifiedBy: intake.identifiedBy ?? null,
    exploitationTypes: [...(intake.exploitationTypes ?? [])],
    controlMethods: [...(intake.controlMethods ?? [])],
    recruitmentMethods: [...(intake.recruitmentMethods ?? [])],
    immediateNeeds: [...(intake.immediateNeeds ?? [])],
    riskScreening: { ...(intake.riskScreening ?? {}) },
    narrative: intake.narrative ?? null,
    traffickingStatus: intake.traffickingStatus ?? null,
    recruitmentCountry: intake.recruitmentCountry ?? null,
    recruitmentRegion: intake.recruitmentRegion ?? null,
    exploitationCountry: intake.exploitationCountry ?? null,
    exploitationRegion: intake.exploitationRegion ?? null,
    forcedLabourIndustry: intake.forcedLabourIndustry ?? null,
    sexualExploitationTypes: [...(intake.sexualExploitationTypes ?? [])],
    relationshipToTrafficker: intake.relationshipToTrafficker ?? null,
    ageWhenTrafficked: intake.ageWhenTrafficked ?? null,
  };
}

export function unansweredQuestions(answers: RiskAnswers | undefined): string[] {
  return RISK_QUESTIONS.filter((q) => typeof answers?.[q.id] !== 'boolean').map((q) => q.id);
}

/**
 * What submitting still needs, per field (the same rules the API applies on submit), with the fields
 * the organization requires at submission (`required`, from its form settings: docs/forms.md).
 */
export function missingForSubmit(values: IntakeValues, required: readonly { key: string; label: string }[] = []): Partial<Record<IntakeField, string>> {
  const missing: Partial<Record<IntakeField, string>> = {};
  for (const { key, label } of required) {
    if (!(INTAKE_FIELDS as readonly string[]).includes(key)) continue;
    const value = values[key as IntakeField];
    const given = Array.isArray(value) ? value.length > 0 : value && typeof value === 'object' ? Object.keys(value).length > 0 : value !== null && value !== undefined && String(value).trim() !== '';
    if (!given) missing[key as IntakeField] = translate('lantern.forms.missing', { field: label });
  }
  if (!values.intakeDate) missing.intakeDate = translate('lantern.intake.missing.intakeDate');
  if (!values.identifiedBy) missing.identifiedBy = translate('lantern.intake.missing.identifiedBy');
  if (values.exploitationTypes.length === 0) missing.exploitationTypes = translate('lantern.intake.missing.exploitationTypes');
  const unanswered = unansweredQuestions(values.riskScreening).length;
  if (unanswered > 0) missing.riskScreening = translate('lantern.intake.missing.riskScreening', { count: unanswered });
  return missing;
}

/** The step that carries the custom fields placed in no step of their own: the last before the review. */
export const CUSTOM_STEP = STEPS.length - 2;

/** A custom field's step: the one its definition names (docs/custom-fields.md), else the last before the review. */
export function stepOfCustom(step: string | null | undefined): number {
  const index = step ? STEPS.findIndex((candidate) => candidate.key === step) : -1;
  return index === -1 || index === REVIEW_STEP ? CUSTOM_STEP : index;
}

/** Where a field (`custom.<key>` for the organization's own, placed by `customFields`) is asked. */
export function stepOfField(field: string, customFields: readonly { key: string; step: string | null }[] = []): number {
  const [root, key] = field.split('.');
  if (root === 'custom') return stepOfCustom(customFields.find((candidate) => candidate.key === key)?.step);
  const index = STEPS.findIndex((step) => (step.fields as readonly string[]).includes(root));
  return index === -1 ? REVIEW_STEP : index;
}

/** Messages per step, from the client check or the API's field errors. */
export function errorsByStep(errors: Partial<Record<string, string>>, customFields: readonly { key: string; step: string | null }[] = []): Map<number, string[]> {
  const byStep = new Map<number, string[]>();
  for (const [field, message] of Object.entries(errors)) {
    if (!message) continue;
    const step = stepOfField(field, customFields);
    byStep.set(step, [...(byStep.get(step) ?? []), message]);
  }
  return byStep;
}

/** Whether a step holds anything yet (for the stepper's ticks). */
export function stepFilled(step: IntakeStep, values: IntakeValues): boolean {
  if (step.key === 'review') return false;
  if (step.key === 'risk') return unansweredQuestions(values.riskScreening).length === 0;
  if (step.key === 'identification') return Boolean(values.intakeDate && values.identifiedBy);
  if (step.key === 'exploitation') return values.exploitationTypes.length > 0;
  return step.fields.some((field) => {
    const value = values[field];
    return Array.isArray(value) ? value.length > 0 : Boolean(value);
  });
}

/** Where to pick a draft up again: the first step still missing something required, else the review. */
export function resumeStep(values: IntakeValues): number {
  const missing = Object.keys(missingForSubmit(values));
  if (missing.length === 0) return REVIEW_STEP;
  return Math.min(...missing.map((field) => stepOfField(field)));
}

/** The request body of a save: every writable field, normalized ("" is "not known"). */
export function payloadOf(values: IntakeValues, withNarrative: boolean): Record<string, unknown> {
  const riskScreening: RiskAnswers = {};
  for (const q of RISK_QUESTIONS) {
    const answer = values.riskScreening?.[q.id];
    if (typeof answer === 'boolean') riskScreening[q.id] = answer;
  }
  const body: Record<string, unknown> = {
    intakeDate: values.intakeDate || null,
    identifiedBy: values.identifiedBy || null,
    exploitationTypes: values.exploitationTypes ?? [],
    controlMethods: values.controlMethods ?? [],
    recruitmentMethods: values.recruitmentMethods ?? [],
    immediateNeeds: values.immediateNeeds ?? [],
    riskScreening,
    traffickingStatus: values.traffickingStatus || null,
    recruitmentCountry: values.recruitmentCountry || null,
    exploitationCountry: values.exploitationCountry || null,
    forcedLabourIndustry: values.forcedLabourIndustry || null,
    sexualExploitationTypes: values.sexualExploitationTypes ?? [],
    relationshipToTrafficker: values.relationshipToTrafficker || null,
    ageWhenTrafficked: ageOf(values.ageWhenTrafficked),
  };
  // The free texts (encrypted by the API): only those who may read them send them.
  if (withNarrative) {
    body.narrative = values.narrative?.trim() ? values.narrative : null;
    body.recruitmentRegion = values.recruitmentRegion?.trim() || null;
    body.exploitationRegion = values.exploitationRegion?.trim() || null;
  }
  return body;
}

/** The age as typed: empty is "not known"; anything else goes as a number (the API says if it is not a whole one). */
export function ageOf(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  return Number.isNaN(n) ? null : n;
}

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => (a as Record<string, unknown>)[key] === (b as Record<string, unknown>)[key]);
  }
  return (a ?? null) === (b ?? null);
}

/**
 * What the form holds that the server does not: against the saved draft, or for a draft not yet
 * created against the empty form it started from (so opening the stepper alone creates nothing).
 */
export function unsavedChanges(values: IntakeValues, base: IntakeValues): Record<string, unknown> {
  const before = payloadOf(base, true);
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payloadOf(values, true))) {
    if (!same(value, before[key])) changes[key] = value;
  }
  // Custom values: only those changed, under `custom` (the API's rule: only the keys sent change).
  const custom: Record<string, CustomValue> = {};
  for (const [key, value] of Object.entries(values.custom ?? {})) {
    if (JSON.stringify(value ?? null) !== JSON.stringify(base.custom?.[key] ?? null)) custom[key] = value;
  }
  if (Object.keys(custom).length > 0) changes.custom = custom;
  return changes;
}

/** Only what changed since the intake was read (amendments and draft updates send no more). */
export function changesOf(body: Record<string, unknown>, intake: Partial<IntakeResponse>): Record<string, unknown> {
  const previous = { ...valuesOf(intake), narrative: intake.narrative ?? null, ageWhenTrafficked: intake.ageWhenTrafficked ?? null } as unknown as Record<string, unknown>;
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!same(value, previous[key])) changes[key] = value;
  }
  return changes;
}

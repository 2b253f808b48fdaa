/**
 * Settings for the built-in fields of Lantern's forms (issue 18; docs/forms.md). The registry below is
 * the one list of each form's steps and fields: which ones Lantern itself needs (locked: never hidden,
 * with the reason the settings screen shows) and which ones are already required, and from which
 * stage. An organization's settings (hidden, required from a stage, labels and help per language,
 * order within the step) are checked against it by the API and merged onto it by the web app.
 */

export const FORM_KEYS = ['intake', 'survivor', 'case'] as const;
export type FormKey = (typeof FORM_KEYS)[number];

/**
 * When a field must have a value, from the earliest stage: a field required at an earlier stage is
 * required at every later one (an intake draft is saved before it is submitted, and a case closes last).
 */
export const REQUIRED_STAGES = ['intake_draft', 'intake_submit', 'case_close'] as const;
export type RequiredStage = (typeof REQUIRED_STAGES)[number];
export type RequiredSetting = RequiredStage | 'none';

/** The languages an organization labels its fields in (the web app's languages). */
export const FORM_LANGUAGES = ['en', 'es'] as const;
export type FormLanguage = (typeof FORM_LANGUAGES)[number];
export type Translations = Partial<Record<FormLanguage, string>>;

export const FORM_LABEL_MAX = 80;
export const FORM_HELP_MAX = 300;

/** Why a field cannot be hidden, as the settings screen explains it (a key of `lantern.forms.locked.*`). */
export type LockReason = 'identity' | 'workflow' | 'intakeRule' | 'closure' | 'record';

export interface BuiltInField {
  key: string;
  step: string;
  /** Set when Lantern itself needs the field: it cannot be hidden, and this says why. */
  locked?: LockReason;
  /** Lantern's own rule: required from this stage whatever the organization says (never weakened). */
  requiredFrom?: RequiredStage | 'always';
}

export interface BuiltInForm {
  key: FormKey;
  steps: readonly string[];
  /** The stages at which a field of this form can be required: when the form is filled in, or later. */
  stages: readonly RequiredStage[];
  fields: readonly BuiltInField[];
}

const f = (key: string, step: string, extra: Omit<BuiltInField, 'key' | 'step'> = {}): BuiltInField => ({ key, step, ...extra });

/** The intake stepper of apps/web/src/cases/intake (its steps and fields) and the rules of features/intakes. */
const INTAKE: BuiltInForm = {
  key: 'intake',
  steps: ['identification', 'exploitation', 'recruitment', 'needs', 'risk', 'narrative'],
  stages: ['intake_draft', 'intake_submit', 'case_close'],
  fields: [
    f('intakeDate', 'identification', { locked: 'intakeRule', requiredFrom: 'intake_submit' }),
    f('identifiedBy', 'identification', { locked: 'intakeRule', requiredFrom: 'intake_submit' }),
    f('traffickingStatus', 'identification'),
    f('exploitationTypes', 'exploitation', { locked: 'intakeRule', requiredFrom: 'intake_submit' }),
    f('sexualExploitationTypes', 'exploitation'),
    f('forcedLabourIndustry', 'exploitation'),
    f('controlMethods', 'exploitation'),
    f('exploitationCountry', 'exploitation'),
    f('exploitationRegion', 'exploitation'),
    f('recruitmentMethods', 'recruitment'),
    f('recruitmentCountry', 'recruitment'),
    f('recruitmentRegion', 'recruitment'),
    f('relationshipToTrafficker', 'recruitment'),
    f('ageWhenTrafficked', 'recruitment'),
    f('immediateNeeds', 'needs'),
    f('riskScreening', 'risk', { locked: 'intakeRule', requiredFrom: 'intake_submit' }),
    f('narrative', 'narrative'),
  ],
};

/** The survivor's record (apps/web/src/survivors/SurvivorInputs.tsx). */
const SURVIVOR: BuiltInForm = {
  key: 'survivor',
  steps: ['shown', 'identifying', 'demographics', 'contact'],
  stages: ['intake_submit', 'case_close'],
  fields: [
    f('alias', 'shown', { locked: 'identity', requiredFrom: 'always' }),
    f('legalName', 'identifying'),
    f('preferredName', 'identifying'),
    f('dateOfBirth', 'identifying'),
    f('birthYear', 'demographics'),
    f('gender', 'demographics'),
    f('pronouns', 'demographics'),
    f('citizenship', 'demographics'),
    f('languages', 'demographics'),
    f('phone', 'contact'),
    f('email', 'contact'),
    f('address', 'contact'),
    f('safeContactInstructions', 'contact'),
  ],
};

/** The case (apps/web/src/cases/CaseInputs.tsx and the case's actions). */
const CASE: BuiltInForm = {
  key: 'case',
  steps: ['details', 'closure'],
  stages: ['intake_submit', 'case_close'],
  fields: [
    f('caseNumber', 'details', { locked: 'record', requiredFrom: 'always' }),
    f('status', 'details', { locked: 'workflow', requiredFrom: 'always' }),
    f('referralSource', 'details'),
    f('riskLevel', 'details', { locked: 'workflow' }),
    f('exploitationTypes', 'details', { locked: 'workflow' }),
    f('closureReason', 'closure', { locked: 'closure', requiredFrom: 'case_close' }),
    f('exitDestination', 'closure', { locked: 'closure', requiredFrom: 'case_close' }),
  ],
};

export const BUILT_IN_FORMS: Readonly<Record<FormKey, BuiltInForm>> = { intake: INTAKE, survivor: SURVIVOR, case: CASE };

export function isFormKey(value: unknown): value is FormKey {
  return typeof value === 'string' && (FORM_KEYS as readonly string[]).includes(value);
}

/** Where a stage falls (intake_draft first); 'always' before every stage, 'none' after. */
export function stageRank(stage: RequiredStage | 'always' | 'none' | undefined): number {
  if (stage === 'always') return -1;
  if (stage === undefined || stage === 'none') return REQUIRED_STAGES.length;
  return REQUIRED_STAGES.indexOf(stage);
}

/** Whether a field required from `from` must have a value at `stage`. */
export function requiredAt(from: RequiredStage | 'always' | 'none' | undefined, stage: RequiredStage): boolean {
  return stageRank(from) <= stageRank(stage);
}

/** One field's setting as an admin sends it (PUT /forms/:form). */
export interface FormFieldSettingInput {
  key: string;
  hidden?: boolean;
  required?: RequiredSetting;
  label?: Translations | null;
  help?: Translations | null;
  /** Position within its step, from 1; null keeps the built-in position. */
  order?: number | null;
}

export interface UpdateFormSettingsBody {
  /** The form's version as read (GET /forms/:form), for optimistic concurrency; 0 before any setting. */
  version: number;
  fields: FormFieldSettingInput[];
}

/** One field of the effective definition: the registry merged with the organization's settings. */
export interface FormFieldDefinition {
  key: string;
  step: string;
  locked: LockReason | null;
  /** Lantern's own requirement (never weakened by a setting). */
  builtInRequired: RequiredStage | 'always' | null;
  hidden: boolean;
  /** What the organization asks (none when it asks nothing beyond Lantern's own rule). */
  required: RequiredSetting;
  /** The stricter of Lantern's own rule and the organization's: from when the field must have a value. */
  requiredFrom: RequiredStage | 'always' | null;
  /** The organization's label per language; a language it did not set uses the built-in label. */
  label: Translations;
  help: Translations;
  /** Position within the step, from 1 (the built-in order unless the organization changed it). */
  order: number;
}

/** GET /forms/:form: the form as this organization has it. */
export interface FormDefinitionResponse {
  form: FormKey;
  steps: string[];
  stages: RequiredStage[];
  /** Ordered by step, then by `order`. */
  fields: FormFieldDefinition[];
  /** The form's settings version: send it back with a change; 0 before any setting. */
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** Custom fields an organization adds to its forms (issue 18; docs/custom-fields.md). */
import type { Role } from './roles.js';

/** The records a custom field can be added to, by the name the API uses in its routes. */
export const CUSTOM_FIELD_ENTITIES = ['survivor', 'intake', 'case', 'contact', 'goal', 'outcomeAssessment', 'referral'] as const;
export type CustomFieldEntity = (typeof CUSTOM_FIELD_ENTITIES)[number];

/** The entities whose records hold values: all of them (the survivor's since 1797050000000). */
export const CUSTOM_VALUE_ENTITIES = ['survivor', 'case', 'intake', 'contact', 'goal', 'outcomeAssessment', 'referral'] as const satisfies readonly CustomFieldEntity[];
export type CustomValueEntity = (typeof CUSTOM_VALUE_ENTITIES)[number];

export const CUSTOM_FIELD_TYPES = ['shortText', 'longText', 'number', 'date', 'yesNo', 'singleChoice', 'multipleChoice', 'person'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/** Types whose values may feed the anonymized metrics (categories only, never free text or numbers). */
export const CUSTOM_FIELD_METRIC_TYPES: readonly CustomFieldType[] = ['yesNo', 'singleChoice', 'multipleChoice'];

/** At most this many fields (not retired) per form, that is per organization and entity. */
export const CUSTOM_FIELDS_PER_FORM = 200;

/** A label in each language the organization uses; `en` is required. */
export interface CustomFieldLabel {
  en: string;
  es?: string;
}

export interface CustomFieldOption {
  /** Stable id: a value names the option by id, so relabelling or retiring never rewrites a record. */
  id: string;
  label: CustomFieldLabel;
  /** A retired option stays valid on the records that have it; it cannot be chosen anew. */
  retired: boolean;
}

export interface CustomFieldResponse {
  id: string;
  organizationId: string;
  entity: CustomFieldEntity;
  /** Unique per organization and entity, and never the name of a built-in field of that entity. */
  key: string;
  type: CustomFieldType;
  label: CustomFieldLabel;
  help: CustomFieldLabel | null;
  options: CustomFieldOption[];
  required: boolean;
  /** How a required field met records that already existed: only new records need it, or all were given `backfillValue`. */
  applyTo: 'new' | 'backfill' | null;
  /** PII or narrative: its values are encrypted at rest, like the built-in PII fields. */
  pii: boolean;
  readRoles: Role[];
  writeRoles: Role[];
  /** May be shared with partners under the survivor's consent. */
  shareable: boolean;
  /** May feed the anonymized metrics (choice and yes/no fields only). */
  metrics: boolean;
  min: number | null;
  max: number | null;
  /** Intake fields only: the stepper's step it shows in (`BUILT_IN_FORMS.intake.steps`); null, the group before the review. */
  step: string | null;
  retiredAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** One version of a definition: every change writes one, so the history is never lost. */
export interface CustomFieldVersionResponse {
  id: string;
  fieldId: string;
  version: number;
  definition: Omit<CustomFieldResponse, 'createdAt' | 'updatedAt'>;
  changedBy: string | null;
  changedAt: string;
}

/** A value as it crosses the wire: text, number, ISO date, yes/no, option id(s), or a user id. */
export type CustomValue = string | number | boolean | string[] | null;

/** What a reader may know of a field to show its value (callers need no access to the admin routes). */
export interface CustomValueField {
  key: string;
  type: CustomFieldType;
  label: CustomFieldLabel;
  help: CustomFieldLabel | null;
  options: CustomFieldOption[];
  required: boolean;
  min: number | null;
  max: number | null;
  retired: boolean;
  writable: boolean;
  /** Intake fields only: the stepper's step it shows in; null, the group before the review. */
  step: string | null;
}

/**
 * A custom field of one form as any staff member who may read it learns it
 * (`GET /custom-fields/readable?entity=case`; docs/custom-fields.md, "In lists"): not retired, and her
 * role among its read roles. Enough to show its values and offer it as a list's column, filter and sort;
 * nothing else of the definition (no roles, no sharing or metrics settings).
 */
export interface ReadableCustomFieldResponse {
  id: string;
  key: string;
  type: CustomFieldType;
  label: CustomFieldLabel;
  help: CustomFieldLabel | null;
  /** Retired options too (flagged): records keep them and a list may still be filtered by them. */
  options: CustomFieldOption[];
  pii: boolean;
  min: number | null;
  max: number | null;
  /** The list takes `custom.<key>` as a filter: not PII, and a choice, yes/no, number or date field. */
  filterable: boolean;
  /** The list sorts by `custom.<key>`: a filterable number or date field. */
  sortable: boolean;
}

/**
 * A shareable custom field a consent may name (`GET /consents/custom-items`): its consent item
 * (`cf:<field id>`), the form it is on and its labels.
 */
export interface ConsentCustomItemResponse {
  id: string;
  item: string;
  entity: CustomFieldEntity;
  key: string;
  label: CustomFieldLabel;
}

/**
 * One custom value a partner is shown on a referral (`sharedCustom`): a shareable field, not PII, that
 * partner staff may read and that the survivor's live consent for that partner names.
 */
export interface SharedCustomValue {
  entity: CustomValueEntity;
  key: string;
  type: CustomFieldType;
  label: CustomFieldLabel;
  options: CustomFieldOption[];
  value: CustomValue;
}

/**
 * The custom values of one record (`GET /custom-values/{entity}/{recordId}`), only the fields the reader's
 * role may read; `id` is the record's id and `version` its version (send it back with a change).
 */
/**
 * The custom fields of a form a new record may be given in its create body (`GET
 * /custom-values/<entity>/new`): those the caller's role may write, not retired; `required` ones must
 * be given at creation (a contact, a goal, an assessment) or before sending (a referral).
 */
export interface CustomFormResponse {
  entity: CustomValueEntity;
  fields: CustomValueField[];
}

export interface CustomValuesResponse {
  id: string;
  entity: CustomValueEntity;
  version: number;
  values: Record<string, CustomValue>;
  fields: CustomValueField[];
}

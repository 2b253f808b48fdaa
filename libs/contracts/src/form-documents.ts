/**
 * A form shared between organizations as one JSON document (issue 18; docs/forms.md, "Sharing a form"):
 * the settings of the form's built-in fields and the definitions of its custom fields. It names no user,
 * no organization and no record, and holds no value of any record.
 */
import type { CustomFieldOption, CustomFieldResponse } from './custom-fields.js';
import type { FormFieldSettingInput, FormKey } from './forms.js';

export const FORM_DOCUMENT_FORMAT = 'lantern.form-definition';
/** Raised when a change to the document's shape would be misread by an older Lantern. */
export const FORM_DOCUMENT_VERSION = 1;
/** The largest document an import reads, in bytes of its JSON. */
export const FORM_DOCUMENT_LIMIT = 1024 * 1024;

/** An option as shared: matched by its English label on import (ids are each organization's own). */
export type FormDocumentOption = Pick<CustomFieldOption, 'label' | 'retired'>;

/**
 * A custom field as shared: its definition (CustomFieldResponse) without what is the organization's own
 * (ids, the organization, how a required field met its records, retirement, history). Its key says which
 * field it is in the organization that imports it.
 */
export interface FormDocumentCustomField
  extends Pick<CustomFieldResponse, 'key' | 'type' | 'label' | 'help' | 'required' | 'pii' | 'readRoles' | 'writeRoles' | 'shareable' | 'metrics' | 'min' | 'max'> {
  options: FormDocumentOption[];
  /** Intake fields: the stepper's step it shows in (absent or null: the group before the review). */
  step?: string | null;
}

/** GET /forms/:form/export, and the `document` of POST /forms/:form/import. */
export interface FormDocument {
  format: typeof FORM_DOCUMENT_FORMAT;
  formatVersion: number;
  form: FormKey;
  /** One setting per built-in field, in the shape of PUT /forms/:form. */
  fields: FormFieldSettingInput[];
  /** The form's custom fields that are not retired. */
  customFields: FormDocumentCustomField[];
}

/** A custom field of the document that cannot be imported as it is. */
export interface FormImportConflict {
  /** Where in the document, e.g. `customFields[2].type`. */
  path: string;
  key: string;
  problem: string;
  /** A key that is free in this organization, to rename the field in the document. */
  suggestedKey: string;
}

/** POST /forms/:form/import: what changes (dry run) or changed. */
export interface FormImportResult {
  form: FormKey;
  dryRun: boolean;
  applied: boolean;
  /** Built-in fields whose setting differs from the organization's. */
  settingsChanged: string[];
  customFields: {
    created: string[];
    updated: string[];
    /** In the document and already the same here. */
    unchanged: string[];
    /** The organization's own fields the document does not name: left as they are. */
    notInDocument: string[];
  };
  /** Only in a dry run; an import with a conflict is refused with a 400 naming its path. */
  conflicts: FormImportConflict[];
}

/** Spreadsheet import of survivors and cases (issue 17, part 4; docs/imports.md). */
import type { CustomFieldLabel } from './custom-fields.js';

/**
 * uploaded → (dry run) checking → checked → (start) queued → running → done, or failed when the run
 * could not go on (its rows so far stay imported; starting it again skips them). A new mapping sends a
 * checked run back to uploaded: the dry run is always of the mapping that will be used.
 */
export const IMPORT_STATUSES = ['uploaded', 'checking', 'checked', 'queued', 'running', 'done', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const IMPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * The Lantern fields a column can be mapped to. A row becomes a survivor and her case; `importKey` is
 * the sheet's own record id, if it has one (otherwise the whole row is the key).
 */
export const IMPORT_FIELDS = [
  'importKey',
  'alias',
  'legalName',
  'preferredName',
  'dateOfBirth',
  'birthYear',
  'gender',
  'pronouns',
  'phone',
  'email',
  'caseworkerEmail',
  'referralSource',
  'exploitationTypes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/**
 * A custom field of the survivor's or the case's form (issue 18) a column can be mapped onto, by its key:
 * `custom.survivor.<key>`, `custom.case.<key>` (docs/imports.md, "Custom fields").
 */
export type ImportCustomTarget = `custom.survivor.${string}` | `custom.case.${string}`;
/** What a column can be mapped onto: a Lantern field, or a custom field. */
export type ImportTarget = ImportField | ImportCustomTarget;
export const IMPORT_CUSTOM_TARGET = /^custom\.(survivor|case)\.([a-z][A-Za-z0-9]{0,59})$/;

/**
 * The role whose custom fields an import writes: the import writes survivors and cases as their own code
 * does for the staff who register them (defineImportRulesFor), so a column may fill a field caseworkers
 * write, not retired, and not a person (a colleague is chosen, not typed). The admin never reads a value.
 */
export const IMPORT_CUSTOM_WRITER = 'caseworker' as const;
export function isImportableCustomField(field: { type: string; writeRoles: readonly string[]; retired?: boolean; retiredAt?: unknown }): boolean {
  return field.type !== 'person' && !field.retired && !field.retiredAt && field.writeRoles.includes(IMPORT_CUSTOM_WRITER);
}

/** Fields every row must have, after mapping. */
export const IMPORT_REQUIRED_FIELDS: readonly ImportField[] = ['alias'];

/** Fields whose cells are mapped onto a vocabulary (the value mapping), and which take several values. */
export const IMPORT_VOCABULARY_FIELDS = ['gender', 'referralSource', 'exploitationTypes'] as const;
export type ImportVocabularyField = (typeof IMPORT_VOCABULARY_FIELDS)[number];
export const IMPORT_MULTI_VALUE_FIELDS: readonly ImportField[] = ['exploitationTypes'];

/** How the sheet writes dates (a cell an XLSX stores as a date needs none). */
export const IMPORT_DATE_FORMATS = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const;
export type ImportDateFormat = (typeof IMPORT_DATE_FORMATS)[number];

export interface ImportMapping {
  /** Column header → Lantern field or custom field; a column left out is not imported. */
  columns: Record<string, ImportTarget>;
  /** Per vocabulary field: the sheet's value (as written, case and spacing aside) → the vocabulary's code. */
  values: Partial<Record<ImportVocabularyField, Record<string, string>>>;
  dateFormat: ImportDateFormat;
  /** The caseworker a row's case goes to when it names none (or has no caseworker column). */
  defaultCaseworkerId: string | null;
}

/** Why a row cannot be imported, as a code the web translates (the `reason` is its English sentence). */
export const IMPORT_PROBLEMS = ['required', 'formula', 'date_format', 'not_a_year', 'vocabulary', 'invalid', 'caseworker_unknown', 'caseworker_missing', 'repeated', 'write_failed'] as const;
export type ImportProblem = (typeof IMPORT_PROBLEMS)[number];

/** One reason a row cannot be imported: the row's number in the sheet (the header is row 1) and the field. */
export interface ImportRowProblem {
  row: number;
  field: string;
  /** A custom field's labels (its `field` is `custom.<form>.<key>`), for the page and the failed rows to name it. */
  label?: CustomFieldLabel;
  problem: ImportProblem;
  reason: string;
}

/** A cell value the value mapping does not place, with how many rows use it. Never a PII column's value. */
export interface ImportUnmappedValue {
  field: ImportVocabularyField;
  value: string;
  rows: number;
}

/** A run in the list of runs: its state and counts (no header, mapping or dry run: the list decrypts nothing). */
export interface ImportRunSummary {
  id: string;
  status: ImportStatus;
  format: ImportFormat;
  rowCount: number;
  processed: number;
  imported: number;
  skipped: number;
  failed: number;
  hasFailures: boolean;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
  createdBy: string | null;
  version: number;
}

export interface ImportRunResponse extends ImportRunSummary {
  /** The sheet's header row, as written. */
  header: string[];
  mapping: ImportMapping | null;
  /** The dry run of the current mapping, once it has run. */
  dryRun: ImportDryRunResponse | null;
}

export interface ImportDryRunResponse {
  rowCount: number;
  /** Rows that would be imported. */
  ready: number;
  /** Rows already imported (their import key is known): a run skips them. */
  alreadyImported: number;
  problems: ImportRowProblem[];
  unmappedValues: ImportUnmappedValue[];
  /** Rows with a likely duplicate already in the organization (docs/duplicates.md): counts only. */
  likelyDuplicates: { row: number; matches: number }[];
}

export interface SavedImportMappingResponse {
  id: string;
  name: string;
  mapping: ImportMapping;
  createdAt: string;
}

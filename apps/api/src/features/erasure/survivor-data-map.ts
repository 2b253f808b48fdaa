/**
 * The one map of where a survivor's data lives, and what anonymizing her does to each table (issue 16,
 * parts 4 and 5; docs/retention.md). The anonymizer (anonymizer.ts) follows it, and
 * survivor-data-map.int-spec.ts reads the database's catalogue: every table with a `survivor_id` or
 * `case_id` column must be named here, so a new table cannot be forgotten.
 *
 * What goes: names, contact details, narratives and notes (encrypted columns are cleared or, when the
 * column may not be empty, replaced by an encrypted empty text under the row's own AAD), staff's free-text
 * reasons about her, the blind-index rows, the documents' content and names. What stays: non-identifying
 * structure (case status and dates, category codes, counts), so the metrics already released and the
 * funder reports' figures stay as they were; and the audit trail, which holds no values.
 */

/** How the survivor's rows of a table are found; `$1` is her id. */
const BY_SURVIVOR = 't.survivor_id = $1';
const BY_CASE = 't.case_id IN (SELECT c.id FROM survivor_case c WHERE c.survivor_id = $1)';
/**
 * Custom field values (issue 18; docs/custom-fields.md): only the categories stay (yes/no and choice
 * fields that are not PII), like the built-in codes; text, numbers, dates, people and every PII value go.
 */
const CUSTOM_CATEGORIES_ONLY = `t.custom - ARRAY(SELECT f.id::text FROM custom_field f WHERE f.pii OR f.type NOT IN ('yesNo', 'singleChoice', 'multipleChoice'))`;

export type Erasure =
  /** Rows kept as they are: structure or accountability records with no survivor content. */
  | { kind: 'keep' }
  /** Rows deleted. */
  | { kind: 'delete' }
  /** Rows kept, columns overwritten. */
  | {
      kind: 'scrub';
      /** Set to NULL. */
      clear?: string[];
      /** Encrypted NOT NULL columns: replaced by FieldCipher('') under the row's AAD (`table|column|id`). */
      emptyCiphertext?: string[];
      /** Other columns set to a fixed SQL expression. */
      set?: Record<string, string>;
    };

export interface SurvivorDataTable {
  table: string;
  /** SQL condition on alias `t` naming her rows (`$1` = survivor id). */
  rows: string;
  erasure: Erasure;
  /** Why, in a few words (kept next to the decision). */
  why: string;
  /**
   * The documents feature purges this table's content itself (features/documents/document-scans.ts,
   * `purge`): chunks or S3 objects removed, data key destroyed, before the rest is scrubbed.
   */
  purgedByDocuments?: boolean;
}

export const SURVIVOR_DATA: readonly SurvivorDataTable[] = [
  {
    table: 'survivor',
    // Her row, and the records of her merged into it (issue 17, docs/duplicates.md): kept so their ids
    // resolve, they hold her names too.
    rows: 't.id = $1 OR t.merged_into_id = $1',
    erasure: {
      kind: 'scrub',
      clear: ['legal_name', 'preferred_name', 'date_of_birth', 'pronouns', 'phone', 'email', 'address', 'safe_contact_instructions'],
      set: { alias: `'Anonymized'`, name_index: `'{}'`, custom: CUSTOM_CATEGORIES_ONLY },
    },
    why: 'names, contact details and the exact-search blind index go; birth year, gender, citizenship and languages are the coarse demographics of the metrics; of the custom values, only the categories',
  },
  { table: 'survivor_name_token', rows: BY_SURVIVOR, erasure: { kind: 'delete' }, why: 'blind index of her names' },
  { table: 'survivor_match_token', rows: BY_SURVIVOR, erasure: { kind: 'delete' }, why: 'blind index of the duplicate check' },
  {
    table: 'survivor_case',
    rows: BY_SURVIVOR,
    erasure: { kind: 'scrub', set: { custom: CUSTOM_CATEGORIES_ONLY } },
    why: 'status, dates and codes: what counts and reports are made of; of the custom values, only the categories',
  },
  { table: 'case_assignment', rows: BY_CASE, erasure: { kind: 'scrub', clear: ['reason'] }, why: "staff's free text about the case" },
  { table: 'case_status_change', rows: BY_CASE, erasure: { kind: 'scrub', clear: ['reason'] }, why: "staff's free text about the case" },
  {
    table: 'intake',
    rows: BY_CASE,
    erasure: { kind: 'scrub', clear: ['narrative', 'risk_screening', 'recruitment_region', 'exploitation_region'], set: { custom: CUSTOM_CATEGORIES_ONLY } },
    why: 'her story, her answers and the region texts; the codes (countries too), the risk level and the custom categories stay',
  },
  {
    table: 'intake_revision',
    rows: 't.intake_id IN (SELECT i.id FROM intake i JOIN survivor_case c ON c.id = i.case_id WHERE c.survivor_id = $1)',
    erasure: { kind: 'scrub', clear: ['narrative', 'recruitment_region', 'exploitation_region'], set: { snapshot: `'{}'::jsonb`, custom: `'{}'::jsonb`, reason: `'erased'` } },
    why: 'earlier versions of the intake, their custom values with them',
  },
  { table: 'consent', rows: `${BY_SURVIVOR} OR ${BY_CASE}`, erasure: { kind: 'scrub', clear: ['revocation_reason'] }, why: 'grounds stay as codes and dates; the free text goes' },
  { table: 'case_note', rows: BY_CASE, erasure: { kind: 'scrub', emptyCiphertext: ['body'] }, why: 'notes: the text goes, the contact dates stay for the reports' },
  { table: 'case_note_draft', rows: BY_CASE, erasure: { kind: 'delete' }, why: 'unsaved text' },
  { table: 'break_glass_grant', rows: BY_SURVIVOR, erasure: { kind: 'keep' }, why: 'who opened the file and why: an access record, like the audit trail' },
  {
    table: 'referral',
    rows: `${BY_SURVIVOR} OR ${BY_CASE}`,
    erasure: { kind: 'scrub', clear: ['reason', 'outcome_note', 'decline_reason', 'consent_override_reason'], set: { custom: CUSTOM_CATEGORIES_ONLY } },
    why: 'status, service type and outcome codes stay for the reports',
  },
  {
    table: 'referral_transition',
    rows: 't.referral_id IN (SELECT r.id FROM referral r WHERE r.survivor_id = $1)',
    erasure: { kind: 'scrub', clear: ['reason'] },
    why: 'free text of a move',
  },
  { table: 'service_plan', rows: BY_CASE, erasure: { kind: 'keep' }, why: 'numbers, types and dates only' },
  {
    table: 'service_plan_version',
    rows: 't.plan_id IN (SELECT p.id FROM service_plan p JOIN survivor_case c ON c.id = p.case_id WHERE c.survivor_id = $1)',
    erasure: { kind: 'scrub', emptyCiphertext: ['content'] },
    why: 'the agreed plan text',
  },
  { table: 'goal', rows: BY_CASE, erasure: { kind: 'scrub', emptyCiphertext: ['description'], set: { custom: CUSTOM_CATEGORIES_ONLY } }, why: 'domain, status and custom categories stay' },
  { table: 'task', rows: BY_CASE, erasure: { kind: 'scrub', emptyCiphertext: ['description'] }, why: 'owner and dates stay' },
  {
    table: 'outcome_assessment',
    rows: `${BY_SURVIVOR} OR ${BY_CASE}`,
    erasure: { kind: 'scrub', set: { custom: CUSTOM_CATEGORIES_ONLY } },
    why: 'scales and codes only, no free text; of the custom values, only the categories',
  },
  { table: 'appointment', rows: BY_CASE, erasure: { kind: 'scrub', clear: ['note'] }, why: 'times and kind stay' },
  {
    table: 'document',
    rows: `${BY_SURVIVOR} OR ${BY_CASE}`,
    erasure: { kind: 'scrub', emptyCiphertext: ['title', 'filename'], clear: ['deletion_reason'] },
    why: 'content and data key destroyed by the documents feature; the kind, size and dates stay',
    purgedByDocuments: true,
  },
  {
    table: 'document_chunk',
    rows: `t.document_id IN (SELECT d.id FROM document d WHERE d.survivor_id = $1)`,
    erasure: { kind: 'delete' },
    why: 'the content itself (already removed by the documents purge)',
    purgedByDocuments: true,
  },
  { table: 'service_delivery', rows: `${BY_SURVIVOR} OR ${BY_CASE}`, erasure: { kind: 'scrub', clear: ['note', 'void_reason'] }, why: 'date, category and units stay for the reports' },
  { table: 'immigration_relief', rows: `${BY_SURVIVOR} OR ${BY_CASE}`, erasure: { kind: 'scrub', clear: ['note'] }, why: 'statuses and dates stay for the reports' },
  { table: 'funder_data', rows: `${BY_SURVIVOR} OR ${BY_CASE}`, erasure: { kind: 'keep' }, why: 'HMIS codes and amounts only, no name or free text: they stay for the funder reports' },
  {
    table: 'contact',
    rows: `${BY_SURVIVOR} OR ${BY_CASE}`,
    erasure: { kind: 'scrub', clear: ['name', 'phone', 'email', 'area', 'note', 'void_reason'], set: { custom: CUSTOM_CATEGORIES_ONLY } },
    why: 'a contact linked to her: named details and notes go, channel and codes stay',
  },
  { table: 'notification', rows: BY_CASE, erasure: { kind: 'keep' }, why: 'titles name case numbers and events, never a survivor' },
  { table: 'reminder_given', rows: BY_CASE, erasure: { kind: 'keep' }, why: 'which reminder was given when: ids only' },
  { table: 'erasure_request', rows: BY_SURVIVOR, erasure: { kind: 'keep' }, why: 'the record of the erasure itself' },
  { table: 'legal_hold', rows: BY_CASE, erasure: { kind: 'keep' }, why: 'staff reasons about a hold, kept as its record' },
  {
    table: 'survivor_merge',
    rows: `${BY_SURVIVOR} OR t.merged_survivor_id = $1`,
    erasure: { kind: 'scrub', clear: ['undo_reason'], set: { reason: `'erased'` } },
    why: 'a merge of two of her records (issue 17): which ids and when stay, staff free text goes',
  },
  {
    table: 'import_record',
    rows: BY_SURVIVOR,
    erasure: { kind: 'keep' },
    why: 'a keyed hash of the spreadsheet row she was imported from, which no one can read back: kept so that importing the old sheet again does not bring her back',
  },
];

/** Tables whose rows are tied to a survivor or a case without either column, named so the map is whole. */
export const INDIRECT_TABLES = SURVIVOR_DATA.filter((t) => !t.rows.startsWith('t.survivor_id') && !t.rows.startsWith('t.case_id') && t.table !== 'survivor').map((t) => t.table);

/** The tables an erasure changes (for the audit row: names, never values). */
export const ERASED_TABLES = SURVIVOR_DATA.filter((t) => t.erasure.kind !== 'keep').map((t) => t.table);

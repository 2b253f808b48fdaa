/**
 * Issue 16, part 2: funder reports with exact counts, for the program's own use and its funders under
 * a data-use agreement (never published: the anonymized metrics are the public figures). Each report
 * covers any period of whole days (UTC), at most 5 years long, and is a list of tables. What each figure
 * counts, exactly, is in docs/reports.md ("Part 2: funder reports"); the SQL is in
 * apps/api/src/features/reports/report-queries.ts.
 *
 * The English labels here are what the downloaded files say (funders read English); the web app shows
 * the same tables in the reader's language from its catalogues (lantern.reports.*).
 */
import type { ExploitationType } from './vocabularies.js';
import { CONTACT_CHANNELS, CONTACT_OUTCOMES } from './contacts.js';

export const REPORT_KINDS = ['trafficking_grant', 'caseload'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  trafficking_grant: 'Trafficking-grant quarterly report',
  caseload: 'Caseload report',
};

export const REPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The longest period a report covers: `to` must come before `from` plus this many years. */
export const REPORT_MAX_YEARS = 5;

/** The country whose citizens are "U.S. citizens" in the citizenship table (ISO 3166-1 alpha-2). */
export const REPORT_HOME_COUNTRY = 'US';

/** What one count of a table is. */
export const REPORT_UNITS = ['people', 'services', 'referrals', 'cases', 'contacts'] as const;
export type ReportUnit = (typeof REPORT_UNITS)[number];

/** New: no case of hers was open when the period began; continuing: one was. */
export const REPORT_CLIENT_STATUSES = ['new', 'continuing'] as const;

/** The OVC PMT's age groups, by the age reached in the calendar year the period starts (birth year only is kept). */
export const REPORT_AGE_GROUPS = ['age_0_12', 'age_13_17', 'age_18_24', 'age_25_59', 'age_60_plus', 'not_recorded'] as const;

export const REPORT_CITIZENSHIP = ['us_citizen', 'foreign_national', 'not_recorded'] as const;

/** TIMS's trafficking type, from the HTCDS exploitation types of her cases in the period. */
export const REPORT_TRAFFICKING_TYPES = ['sex', 'labor', 'sex_and_labor', 'other', 'not_recorded'] as const;

/** The exploitation types counted as labor trafficking (as the anonymized metrics group them). */
export const REPORT_LABOR_EXPLOITATION: readonly ExploitationType[] = ['ForcedLabour', 'ChildLabour', 'Servitude', 'ForcedBegging', 'ForcedMilitaryByNonStateActors'];

/** Immigration relief milestones reached in the period (a survivor counts once per milestone). */
export const REPORT_RELIEF_MILESTONES = [
  't_visa_applied',
  't_visa_approved',
  't_visa_denied',
  'continued_presence_requested',
  'continued_presence_granted',
  'continued_presence_denied',
  'hhs_certification_requested',
  'hhs_certification_issued',
  'hhs_eligibility_requested',
  'hhs_eligibility_issued',
] as const;
export type ReportReliefMilestone = (typeof REPORT_RELIEF_MILESTONES)[number];

/** Where a referral sent in the period stands now. */
export const REPORT_REFERRAL_OUTCOMES = ['awaiting_response', 'in_service', 'served', 'not_served', 'declined', 'cancelled'] as const;

/**
 * Contacts before a case (issue 17), by where they led: a new client (converted into a case), a client
 * the program already knew (linked), or a contact only; one column per channel, and their total.
 */
export const REPORT_CONTACT_OUTCOMES = CONTACT_OUTCOMES;
export const REPORT_CONTACT_COLUMNS = [...CONTACT_CHANNELS.map((channel) => `channel_${channel}` as const), 'total'] as const;

/** The columns of the caseload report. */
export const REPORT_CASELOAD_COLUMNS = [
  'open_at_end',
  'new',
  'closed',
  'new_with_contact',
  'avg_days_to_first_contact',
  'new_with_referral',
  'avg_days_to_first_referral',
] as const;

export const REPORT_TABLE_IDS = [
  'clients_served',
  'age_group',
  'gender',
  'citizenship',
  'trafficking_type',
  'services_by_voca_category',
  'services_by_pmt_service',
  'immigration_relief',
  'referrals_out',
  'contacts',
  'caseload',
] as const;
export type ReportTableId = (typeof REPORT_TABLE_IDS)[number];

/** The tables of each report, in the order they are shown and written. */
export const REPORT_TABLES_OF: Record<ReportKind, readonly ReportTableId[]> = {
  trafficking_grant: [
    'clients_served',
    'age_group',
    'gender',
    'citizenship',
    'trafficking_type',
    'services_by_voca_category',
    'services_by_pmt_service',
    'immigration_relief',
    'referrals_out',
    'contacts',
  ],
  caseload: ['caseload'],
};

export const REPORT_TABLE_TITLES: Record<ReportTableId, string> = {
  clients_served: 'Clients served',
  age_group: 'Clients served by age',
  gender: 'Clients served by gender',
  citizenship: 'Clients served by citizenship',
  trafficking_type: 'Clients served by trafficking type',
  services_by_voca_category: 'Services delivered by VOCA category',
  services_by_pmt_service: 'Services delivered by OVC PMT service',
  immigration_relief: 'Immigration relief milestones',
  referrals_out: 'Referrals out by service type and outcome',
  contacts: 'Contacts before a case, by where they led and channel',
  caseload: 'Caseload by caseworker',
};

/** English labels of the row and column keys that are not another vocabulary's (genders, services...). */
export const REPORT_LABELS: Record<string, string> = {
  count: 'Count',
  people: 'People',
  services: 'Services',
  units: 'Units',
  minutes: 'Minutes',
  total: 'Total',
  new: 'New',
  continuing: 'Continuing',
  // The recorded genders (HTCDS values), in the web app's English words.
  Feminine: 'Woman',
  Masculine: 'Man',
  TransgenderFeminine: 'Transgender woman',
  TransgenderMasculine: 'Transgender man',
  NonConforming: 'Non-binary or gender diverse',
  NonSpecifiedUnknown: 'Not specified or unknown',
  age_0_12: '0–12',
  age_13_17: '13–17',
  age_18_24: '18–24',
  age_25_59: '25–59',
  age_60_plus: '60 and older',
  not_recorded: 'Not recorded',
  us_citizen: 'U.S. citizen',
  foreign_national: 'Foreign national',
  sex: 'Sex trafficking',
  labor: 'Labor trafficking',
  sex_and_labor: 'Sex and labor trafficking',
  other: 'Other exploitation',
  t_visa_applied: 'T visa applied for',
  t_visa_approved: 'T visa approved',
  t_visa_denied: 'T visa denied',
  continued_presence_requested: 'Continued Presence requested',
  continued_presence_granted: 'Continued Presence granted',
  continued_presence_denied: 'Continued Presence denied',
  hhs_certification_requested: 'HHS Certification letter requested',
  hhs_certification_issued: 'HHS Certification letter issued',
  hhs_eligibility_requested: 'HHS Eligibility letter requested',
  hhs_eligibility_issued: 'HHS Eligibility letter issued',
  awaiting_response: 'Awaiting response',
  in_service: 'Accepted or in progress',
  served: 'Completed, served',
  not_served: 'Completed, not served',
  declined: 'Declined',
  cancelled: 'Cancelled',
  open_at_end: 'Open at end',
  closed: 'Closed',
  new_with_contact: 'New with a contact',
  avg_days_to_first_contact: 'Average days to first contact',
  new_with_referral: 'New with a referral',
  avg_days_to_first_referral: 'Average days to first referral',
  contact_only: 'Contact only',
  linked: 'A client already known',
  converted: 'A new client',
  channel_call: 'Call',
  channel_text: 'Text',
  channel_walk_in: 'Walk-in',
  channel_outreach: 'Outreach',
  channel_other: 'Other channel',
  unassigned: 'Not assigned',
  program: 'Whole program',
  // The custom section (issue 18).
  yes: 'Yes',
  no: 'No',
  recorded: 'Recorded',
  sum: 'Sum',
  average: 'Average',
};

/** One row: its key (a vocabulary value, or a caseworker's id), its English label, a value per column. */
export interface ReportRowResponse {
  key: string;
  label: string;
  /** `null` where a figure does not exist (an average over no case). */
  values: (number | null)[];
}

/**
 * A table of the report's custom section (issue 18; docs/reports.md, "The custom section"): one per field
 * the person running the report chose (`?custom=case.industry,intake.hasId`), `custom.<entity>.<key>`.
 */
export type ReportCustomTableId = `custom.${string}`;

/** The kinds of field a custom section counts: categories and numbers, never a text, a date, a person or PII. */
export const REPORT_CUSTOM_TYPES = ['yesNo', 'singleChoice', 'multipleChoice', 'number'] as const;

/** At most this many fields in one report's custom section. */
export const REPORT_CUSTOM_MAX = 20;

/** A field a custom section may count (`GET /reports/custom-fields`). */
export interface ReportCustomFieldResponse {
  /** What `?custom=` takes: `<entity>.<key>`. */
  id: string;
  entity: string;
  key: string;
  type: (typeof REPORT_CUSTOM_TYPES)[number];
  label: Record<string, string>;
  retired: boolean;
}

export interface ReportTableResponse {
  id: ReportTableId | ReportCustomTableId;
  title: string;
  unit: ReportUnit;
  /** Column keys (REPORT_LABELS, or `count`), the row label aside. */
  columns: string[];
  columnLabels: string[];
  rows: ReportRowResponse[];
  /** A custom section's table: the field's label in each language, for the screen (issue 18). */
  customLabel?: Record<string, string>;
  /**
   * The table's total: the sum of its rows where they part the whole (every person in one row), the
   * distinct count where they do not (people in the services tables), and the whole program in the
   * caseload. `null` where the rows overlap and no total means anything (immigration milestones).
   */
  total: ReportRowResponse | null;
}

/** GET /reports/trafficking-grant and GET /reports/caseload. */
export interface FunderReportResponse {
  kind: ReportKind;
  title: string;
  organizationName: string;
  /** The first and last day of the period (`YYYY-MM-DD`, both included, UTC). */
  from: string;
  to: string;
  generatedAt: string;
  /** Nothing happened in the period: the tables are all zeros, and no file is made of them (422 REPORT_PERIOD_EMPTY). */
  empty: boolean;
  message: string | null;
  tables: ReportTableResponse[];
}

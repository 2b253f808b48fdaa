/**
 * The anonymized outcome metrics (docs/metrics-method.md): the fixed catalogue of tables, their coarse dimensions,
 * the release periods and the shapes the API returns. Shared so the web shows exactly what is computed.
 */

/** A coarse dimension: its published values (in order), the vocabulary they come from, coarser bands. */
export interface MetricDimension {
  name: string;
  label: string;
  values: readonly string[];
  /** Where the values come from (docs/metrics-method.md: every exported dimension maps to a published vocabulary). */
  vocabulary: string;
  /** value → coarser band, used when a table would suppress too much. */
  bands?: Readonly<Record<string, string>>;
  /** An outcome the homogeneity rule protects (one category holding > 90% of a small row). */
  sensitive?: boolean;
}

export const METRIC_DIMENSIONS = {
  age_band: {
    name: 'age_band',
    label: 'Age at intake',
    values: ['minor', '18_24', '25_34', '35_plus', 'unknown'],
    vocabulary: 'CTDC ageBroad (coarsened)',
    // An unknown age of a handful of people would otherwise force a whole age group into suppression.
    bands: { '18_24': '18_34', '25_34': '18_34', '35_plus': '35_plus_or_unknown', unknown: '35_plus_or_unknown' },
  },
  gender: {
    name: 'gender',
    label: 'Gender',
    values: ['woman', 'man', 'gender_diverse', 'unknown'],
    vocabulary: 'HTCDS 2.0 Gender (coarsened)',
    bands: { gender_diverse: 'gender_diverse_or_unknown', unknown: 'gender_diverse_or_unknown' },
  },
  citizenship: {
    name: 'citizenship',
    label: 'Citizenship',
    values: ['domestic', 'foreign', 'unknown'],
    vocabulary: 'CTDC citizenship (domestic / foreign)',
    bands: { foreign: 'foreign_or_unknown', unknown: 'foreign_or_unknown' },
  },
  exploitation: {
    name: 'exploitation',
    label: 'Type of exploitation',
    values: ['sexual', 'labour', 'other', 'unknown'],
    vocabulary: 'HTCDS 2.0 TypeOfExploitation; CTDC isSexualExploit / isForcedLabour',
    bands: { labour: 'labour_other_or_unknown', other: 'labour_other_or_unknown', unknown: 'labour_other_or_unknown' },
  },
  referral_source: {
    name: 'referral_source',
    label: 'Referred by',
    values: ['hotline', 'law_enforcement', 'service_provider', 'self_or_family', 'outreach', 'other'],
    vocabulary: 'HTCDS 2.0 IdentificationSource (coarsened)',
    bands: { outreach: 'outreach_or_other', other: 'outreach_or_other' },
  },
  service_category: {
    name: 'service_category',
    label: 'Service category',
    values: ['information_referral', 'personal_advocacy', 'emotional_support_safety', 'shelter_housing', 'justice_assistance'],
    vocabulary: 'VOCA service categories (A–E)',
  },
  referral_outcome: {
    name: 'referral_outcome',
    label: 'Referral outcome',
    values: ['awaiting_response', 'in_service', 'completed', 'declined', 'cancelled'],
    vocabulary: 'Lantern referral states (HTCDS 2.0 ReferralStatus)',
    bands: { declined: 'declined_or_cancelled', cancelled: 'declined_or_cancelled' },
    sensitive: true,
  },
  response_time: {
    name: 'response_time',
    label: 'Time to partner response',
    values: ['within_48_hours', 'within_7_days', 'over_7_days', 'no_response'],
    vocabulary: 'Lantern response-time bands (docs/metrics-method.md)',
    bands: { within_7_days: 'over_48_hours', over_7_days: 'over_48_hours' },
  },
  goal_domain: {
    name: 'goal_domain',
    label: 'Goal domain',
    values: ['housing', 'employment', 'education', 'health', 'mental_health', 'legal', 'safety', 'financial', 'family', 'other'],
    vocabulary: 'Lantern goal domains (HTCDS 2.0 support-plan areas)',
  },
  goal_status: {
    name: 'goal_status',
    label: 'Goal status',
    values: ['not_started', 'in_progress', 'achieved', 'partially_achieved', 'discontinued'],
    vocabulary: 'Lantern goal statuses',
    bands: { not_started: 'not_started_or_discontinued', discontinued: 'not_started_or_discontinued' },
    sensitive: true,
  },
  exit_destination: {
    name: 'exit_destination',
    label: 'Housing at exit',
    values: ['permanent', 'temporary', 'institutional', 'homeless', 'other_unknown'],
    vocabulary: 'HUD HMIS FY2024 3.12 destination categories',
    bands: { temporary: 'not_permanent', institutional: 'not_permanent', homeless: 'not_permanent' },
    sensitive: true,
  },
  employment_at_exit: {
    name: 'employment_at_exit',
    label: 'Employment at exit',
    values: ['employed', 'not_employed', 'unknown'],
    vocabulary: 'HUD HMIS FY2024 R6 employment status (coarsened)',
    bands: { not_employed: 'not_employed_or_unknown', unknown: 'not_employed_or_unknown' },
    sensitive: true,
  },
  income_change: {
    name: 'income_change',
    label: 'Income change at exit',
    values: ['increased', 'same', 'decreased', 'unknown'],
    vocabulary: 'HUD APR Q19 income change (coarsened)',
    bands: { same: 'not_increased', decreased: 'not_increased' },
    sensitive: true,
  },
  follow_up_stage: {
    name: 'follow_up_stage',
    label: 'Assessment stage',
    values: ['intake', '90_days', '180_days', '365_days', 'exit'],
    vocabulary: 'Lantern outcome-assessment stages',
  },
  housing_situation: {
    name: 'housing_situation',
    label: 'Housing situation',
    values: ['permanent', 'temporary', 'institutional', 'homeless', 'other_unknown'],
    vocabulary: 'HUD HMIS FY2024 3.917 living-situation categories',
    bands: { temporary: 'not_permanent', institutional: 'not_permanent', homeless: 'not_permanent' },
    sensitive: true,
  },
  length_of_participation: {
    name: 'length_of_participation',
    label: 'Length of participation',
    values: ['under_90_days', '90_to_180_days', '181_to_365_days', 'over_365_days'],
    vocabulary: 'HUD APR Q22a length of participation (coarsened)',
    bands: { '181_to_365_days': 'over_180_days', over_365_days: 'over_180_days' },
  },
  // The HTCDS 2.0 core of the intake (issue 17, part 2), from submitted intakes only; a draft's or a
  // missing answer is `unknown`. The free-text regions are never read by the metrics.
  trafficking_status: {
    name: 'trafficking_status',
    label: 'Trafficking status',
    values: ['actual', 'possible', 'not_a_victim', 'unknown'],
    vocabulary: 'HTCDS 2.0 TraffickingStatus',
    bands: { not_a_victim: 'not_a_victim_or_unknown', unknown: 'not_a_victim_or_unknown' },
  },
  exploitation_country: {
    name: 'exploitation_country',
    label: 'Country of exploitation',
    values: ['domestic', 'foreign', 'unknown'],
    vocabulary: 'HTCDS 2.0 LocationOfExploitation (ISO 3166 country: home country / abroad)',
    bands: { foreign: 'foreign_or_unknown', unknown: 'foreign_or_unknown' },
  },
  age_when_trafficked: {
    name: 'age_when_trafficked',
    label: 'Age when trafficking began',
    values: ['under_12', '12_17', '18_24', '25_plus', 'unknown'],
    vocabulary: 'HTCDS 2.0 AgeWhenTrafficked (banded)',
    bands: { under_12: 'minor', '12_17': 'minor', '25_plus': '25_plus_or_unknown', unknown: '25_plus_or_unknown' },
  },
  trafficker_relationship: {
    name: 'trafficker_relationship',
    label: 'Relationship to the trafficker',
    values: ['familial', 'acquainted', 'unacquainted', 'unknown'],
    vocabulary: 'HTCDS 2.0 RelationshipToTrafficker',
    bands: { unacquainted: 'unacquainted_or_unknown', unknown: 'unacquainted_or_unknown' },
  },
} as const satisfies Record<string, MetricDimension>;

export type MetricDimensionName = keyof typeof METRIC_DIMENSIONS;

/** What one table counts. */
export type MetricUnit = 'survivors' | 'referrals' | 'survivor_goal_domains';

export type MetricLayout = 'tidy' | 'htcds' | 'hud';

export interface MetricTableDefinition {
  id: string;
  title: string;
  /** Who is counted, in words. */
  population: string;
  unit: MetricUnit;
  dimensions: readonly MetricDimensionName[];
  /** Also written as a HUD-style aggregate table. */
  hud?: boolean;
}

/**
 * The fixed catalogue (docs/metrics-method.md, "The catalogue"): at most two dimensions plus the period, never two
 * demographic dimensions together with a sensitive outcome.
 */
export const METRIC_TABLES: readonly MetricTableDefinition[] = [
  { id: 'cases_opened_by_age_band', title: 'Cases opened, by age', population: 'Survivors whose case opened in the period', unit: 'survivors', dimensions: ['age_band'] },
  { id: 'cases_opened_by_gender', title: 'Cases opened, by gender', population: 'Survivors whose case opened in the period', unit: 'survivors', dimensions: ['gender'] },
  { id: 'cases_opened_by_citizenship', title: 'Cases opened, by citizenship', population: 'Survivors whose case opened in the period', unit: 'survivors', dimensions: ['citizenship'] },
  { id: 'intakes_by_exploitation', title: 'Intakes, by type of exploitation', population: 'Survivors whose case opened in the period', unit: 'survivors', dimensions: ['exploitation'] },
  { id: 'intakes_by_trafficking_status', title: 'Intakes, by trafficking status', population: 'Survivors whose case opened in the period', unit: 'survivors', dimensions: ['trafficking_status'] },
  { id: 'intakes_by_exploitation_country', title: 'Intakes, by country of exploitation', population: 'Survivors whose case opened in the period', unit: 'survivors', dimensions: ['exploitation_country'] },
  { id: 'intakes_by_age_when_trafficked', title: 'Intakes, by age when trafficking began', population: 'Survivors whose case opened in the period', unit: 'survivors', dimensions: ['age_when_trafficked'] },
  { id: 'intakes_by_trafficker_relationship', title: 'Intakes, by relationship to the trafficker', population: 'Survivors whose case opened in the period', unit: 'survivors', dimensions: ['trafficker_relationship'] },
  { id: 'intakes_by_referral_source', title: 'Intakes, by who referred them', population: 'Survivors whose case opened in the period', unit: 'survivors', dimensions: ['referral_source'] },
  { id: 'referrals_by_service_category_and_outcome', title: 'Referrals, by service category and outcome', population: 'Referrals sent in the period (at most 3 per survivor)', unit: 'referrals', dimensions: ['service_category', 'referral_outcome'] },
  { id: 'referrals_by_response_time', title: 'Referrals, by time to partner response', population: 'Referrals sent in the period (at most 3 per survivor)', unit: 'referrals', dimensions: ['response_time'] },
  { id: 'goals_by_domain_and_status', title: 'Service-plan goals, by domain and status', population: 'Survivors with a goal set in the period, once per domain (their furthest status)', unit: 'survivor_goal_domains', dimensions: ['goal_domain', 'goal_status'] },
  { id: 'cases_closed_by_exit_destination', title: 'Cases closed, by housing at exit', population: 'Survivors whose case closed in the period', unit: 'survivors', dimensions: ['exit_destination'], hud: true },
  { id: 'exits_by_employment', title: 'Cases closed, by employment at exit', population: 'Survivors whose case closed in the period', unit: 'survivors', dimensions: ['employment_at_exit'] },
  { id: 'exits_by_income_change', title: 'Cases closed, by income change', population: 'Survivors whose case closed in the period', unit: 'survivors', dimensions: ['income_change'], hud: true },
  { id: 'exits_by_length_of_participation', title: 'Cases closed, by length of participation', population: 'Survivors whose case closed in the period', unit: 'survivors', dimensions: ['length_of_participation'], hud: true },
  { id: 'assessments_by_stage_and_housing', title: 'Outcome assessments, by stage and housing situation', population: 'Survivors assessed in the period, once per stage', unit: 'survivors', dimensions: ['follow_up_stage', 'housing_situation'] },
];

/**
 * Tables fed by an organization's own fields (issue 18; docs/metrics-method.md, "Custom fields"): a yes/no
 * or single-choice field marked `metrics` gives the table `custom_<field id>`, a multiple-choice field one
 * table per option, `custom_<field id>.<12 hex of the option id's SHA-256>` (chosen, not chosen, unknown), so every survivor is
 * in exactly one cell of each. They count the survivors of the cases-opened tables.
 */
export const CUSTOM_METRIC_PREFIX = 'custom_';
export const isCustomMetricTable = (id: string): boolean => id.startsWith(CUSTOM_METRIC_PREFIX);
export const CUSTOM_METRIC_POPULATION = 'Survivors whose case opened in the period';

/** What a custom table says of its field: labels in each language, for the web page and the metadata. */
export interface MetricCustomTable {
  /** The field's key, and the kind of record it is asked on (`case`, `intake`...). */
  key: string;
  entity: string;
  /** The field's label; for a multiple-choice field's table, the option's too. */
  label: Record<string, string>;
  option: Record<string, string> | null;
  /** Each published value's label (`yes`, `no`, `unknown`, an option's id). */
  values: Record<string, Record<string, string>>;
}

/** A catalogue table by id (an unknown id is a programming error). */
export function metricTable(id: string): MetricTableDefinition {
  const definition = METRIC_TABLES.find((t) => t.id === id);
  if (!definition) throw new Error(`Unknown metric table ${id}`);
  return definition;
}

export const METRIC_MODES = ['k', 'noise'] as const;
export type MetricMode = (typeof METRIC_MODES)[number];

/** A period is frozen (and may be released) this many days after its last day. */
export const METRIC_FREEZE_DAYS = 45;
/** Privacy budget of the noise mode (docs/metrics-method.md, "Noise mode"). */
export const METRIC_EPSILON_PER_TABLE = 0.5;
export const METRIC_EPSILON_PER_YEAR = 4;
export const METRIC_THRESHOLD = 11;
export const METRIC_ROUNDING_BASE = 5;
export const METRIC_SCHEMA_VERSION = '1.0';

export interface MetricPeriod {
  /** `2026-Q2` or `2026`. */
  id: string;
  kind: 'quarter' | 'year';
  year: number;
  quarter: number | null;
  /** First and last day, inclusive, ISO dates (UTC). */
  start: string;
  end: string;
  /** The first day on which the period may be released. */
  frozenOn: string;
}

const PERIOD = /^(\d{4})(?:-Q([1-4]))?$/;
const DAY_MS = 86_400_000;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Parses `2026-Q2` or `2026`; null for anything else (no arbitrary date ranges, docs/metrics-method.md, "What a release is"). */
export function parseMetricPeriod(id: string): MetricPeriod | null {
  const match = PERIOD.exec(id);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 2000 || year > 2999) return null;
  const quarter = match[2] ? Number(match[2]) : null;
  const firstMonth = quarter ? (quarter - 1) * 3 : 0;
  const months = quarter ? 3 : 12;
  const start = Date.UTC(year, firstMonth, 1);
  const endExclusive = Date.UTC(year, firstMonth + months, 1);
  return {
    id,
    kind: quarter ? 'quarter' : 'year',
    year,
    quarter,
    start: isoDay(start),
    end: isoDay(endExclusive - DAY_MS),
    frozenOn: isoDay(endExclusive - DAY_MS + METRIC_FREEZE_DAYS * DAY_MS),
  };
}

/** The periods already frozen on `today`, newest first: the last `years` years' quarters and years. */
export function frozenMetricPeriods(today: string, years = 3): MetricPeriod[] {
  const current = Number(today.slice(0, 4));
  const periods: MetricPeriod[] = [];
  for (let year = current; year > current - years; year--) {
    for (const id of [`${year}-Q4`, `${year}-Q3`, `${year}-Q2`, `${year}-Q1`, `${year}`]) {
      const period = parseMetricPeriod(id)!;
      if (period.frozenOn <= today) periods.push(period);
    }
  }
  return periods.sort((a, b) => (a.end === b.end ? (a.kind === 'year' ? -1 : 1) : a.end < b.end ? 1 : -1));
}

export const METRIC_RELEASE_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type MetricReleaseStatus = (typeof METRIC_RELEASE_STATUSES)[number];

export interface MetricCellResponse {
  dim1: string;
  dim2: string | null;
  value: number | null;
  display: string;
  flag: 'ok' | 'suppressed_primary' | 'suppressed_complementary' | 'rounded' | 'noised';
}

export interface MetricTableResponse {
  id: string;
  title: string;
  unit: MetricUnit;
  dimensions: string[];
  cells: MetricCellResponse[];
  coverage: number;
  collapsed: string[];
  /** A table fed by one of the organization's own fields, with its labels (issue 18). */
  custom?: MetricCustomTable;
}

export interface MetricReleaseResponse {
  id: string;
  period: string;
  mode: MetricMode;
  status: MetricReleaseStatus;
  /** 0–100. */
  progress: number;
  tableCount: number;
  createdAt: string;
  createdBy: string | null;
  finishedAt: string | null;
  /** SHA-256 of the zip, once written. */
  sha256: string | null;
  byteSize: number | null;
  epsilonSpent: number;
  /** Why a release was refused by its own self-check or failed (no data in it). */
  failure: string | null;
  /** The protected tables, once done (what the zip holds). */
  tables?: MetricTableResponse[];
  /** Lowest coverage among one- and two-dimension tables (share of survivors in published cells). */
  coverage?: { oneDimension: number; twoDimension: number } | null;
}

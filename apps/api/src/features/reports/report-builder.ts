import {
  GENDERS,
  REPORT_AGE_GROUPS,
  REPORT_CITIZENSHIP,
  REPORT_CLIENT_STATUSES,
  REPORT_CONTACT_COLUMNS,
  REPORT_CONTACT_OUTCOMES,
  REPORT_KIND_LABELS,
  REPORT_LABELS,
  REPORT_REFERRAL_OUTCOMES,
  REPORT_RELIEF_MILESTONES,
  REPORT_TABLE_TITLES,
  REPORT_TRAFFICKING_TYPES,
  SERVICE_CATEGORIES,
  SERVICE_CATEGORY_INFO,
  SERVICE_TYPES,
  SERVICE_TYPE_LABELS,
  VOCA_CATEGORIES,
  VOCA_CATEGORY_LABELS,
  type FunderReportResponse,
  type ReportKind,
  type ReportRowResponse,
  type ReportTableId,
  type ReportTableResponse,
  type ReportUnit,
} from '@lantern/contracts';
import type { CaseloadFigures, PeopleCounts, ServiceCounts, ServiceFigures } from './report-queries.js';
import type { ReportPeriod } from './report-period.js';

/** Turns the counts of report-queries.ts into the tables every format shows: pure, so its rules are unit-tested. */

const label = (key: string): string => REPORT_LABELS[key] ?? key;
const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
const DAY_SECONDS = 86_400;

function table(id: ReportTableId, unit: ReportUnit, columns: string[], rows: ReportRowResponse[], total: ReportRowResponse | null): ReportTableResponse {
  return { id, title: REPORT_TABLE_TITLES[id], unit, columns, columnLabels: columns.map(label), rows, total };
}

/** A table of people where every person is in exactly one row: its total is the sum of its rows. */
function partition(id: ReportTableId, keys: readonly string[], counts: Record<string, number>, labelOf: (key: string) => string = label): ReportTableResponse {
  const rows = keys.map((key) => ({ key, label: labelOf(key), values: [counts[key] ?? 0] }));
  return table(id, 'people', ['people'], rows, { key: 'total', label: label('total'), values: [sum(rows.map((r) => r.values[0] as number))] });
}

const figures = (f: ServiceFigures | undefined): number[] => [f?.services ?? 0, f?.people ?? 0, f?.units ?? 0, f?.minutes ?? 0];
const SERVICE_COLUMNS = ['services', 'people', 'units', 'minutes'];

/** The average in days, to one decimal; null over no case. */
export function averageDays(totalSeconds: number, count: number): number | null {
  if (count === 0) return null;
  return Math.round((totalSeconds / count / DAY_SECONDS) * 10) / 10;
}

interface Heading {
  organizationName: string;
  period: ReportPeriod;
  generatedAt: Date;
}

function report(kind: ReportKind, heading: Heading, tables: ReportTableResponse[], empty: boolean): FunderReportResponse {
  return {
    kind,
    title: REPORT_KIND_LABELS[kind],
    organizationName: heading.organizationName,
    from: heading.period.from,
    to: heading.period.to,
    generatedAt: heading.generatedAt.toISOString(),
    empty,
    message: empty ? `Nothing was recorded between ${heading.period.from} and ${heading.period.to}: no case was open, no service given, no referral sent, no immigration relief milestone reached and no contact logged.` : null,
    tables,
  };
}

export interface TraffickingCounts {
  people: PeopleCounts;
  services: ServiceCounts;
  relief: Record<string, number>;
  referrals: Record<string, number>;
  /** `outcome|channel` → contacts logged in the period (countContacts). */
  contacts: Record<string, number>;
}

export function traffickingGrantReport(heading: Heading, counts: TraffickingCounts): FunderReportResponse {
  const { people, services, relief, referrals, contacts } = counts;
  const serviceRows = (keys: readonly string[], of: (key: string) => ServiceFigures | undefined, labelOf: (key: string) => string) =>
    keys.map((key) => ({ key, label: labelOf(key), values: figures(of(key)) }));
  const serviceTotal = { key: 'total', label: label('total'), values: figures(services.total) };
  const referralRows = SERVICE_TYPES.map((type) => {
    const values = REPORT_REFERRAL_OUTCOMES.map((outcome) => referrals[`${type}|${outcome}`] ?? 0);
    return { key: type, label: SERVICE_TYPE_LABELS[type], values: [...values, sum(values)] };
  });
  const referralTotal = {
    key: 'total',
    label: label('total'),
    values: [...REPORT_REFERRAL_OUTCOMES, 'total'].map((_, i) => sum(referralRows.map((r) => r.values[i] as number))),
  };
  const channels = REPORT_CONTACT_COLUMNS.filter((c) => c !== 'total').map((c) => c.slice('channel_'.length));
  const contactRows = REPORT_CONTACT_OUTCOMES.map((outcome) => {
    const values = channels.map((channel) => contacts[`${outcome}|${channel}`] ?? 0);
    return { key: outcome, label: label(outcome), values: [...values, sum(values)] };
  });
  const contactTotal = { key: 'total', label: label('total'), values: REPORT_CONTACT_COLUMNS.map((_, i) => sum(contactRows.map((r) => r.values[i] as number))) };
  const tables = [
    partition('clients_served', REPORT_CLIENT_STATUSES, people.status ?? {}),
    partition('age_group', REPORT_AGE_GROUPS, people.age_group ?? {}),
    partition('gender', [...GENDERS, 'not_recorded'], people.gender ?? {}),
    partition('citizenship', REPORT_CITIZENSHIP, people.citizenship ?? {}),
    partition('trafficking_type', REPORT_TRAFFICKING_TYPES, people.trafficking_type ?? {}),
    table('services_by_voca_category', 'services', SERVICE_COLUMNS, serviceRows(VOCA_CATEGORIES, (k) => services.byVoca[k as keyof typeof services.byVoca], (k) => VOCA_CATEGORY_LABELS[k as keyof typeof VOCA_CATEGORY_LABELS]), serviceTotal),
    table(
      'services_by_pmt_service',
      'services',
      SERVICE_COLUMNS,
      serviceRows(SERVICE_CATEGORIES, (k) => services.byService[k as keyof typeof services.byService], (k) => {
        const info = SERVICE_CATEGORY_INFO[k as keyof typeof SERVICE_CATEGORY_INFO];
        return `${info.code}. ${info.label}`;
      }),
      serviceTotal,
    ),
    table('immigration_relief', 'people', ['people'], REPORT_RELIEF_MILESTONES.map((key) => ({ key, label: label(key), values: [relief[key] ?? 0] })), null),
    table('referrals_out', 'referrals', [...REPORT_REFERRAL_OUTCOMES, 'total'], referralRows, referralTotal),
    table('contacts', 'contacts', [...REPORT_CONTACT_COLUMNS], contactRows, contactTotal),
  ];
  const served = sum(Object.values(people.status ?? {}));
  const milestones = sum(REPORT_RELIEF_MILESTONES.map((key) => relief[key] ?? 0));
  const empty = served === 0 && services.total.services === 0 && (referralTotal.values.at(-1) ?? 0) === 0 && milestones === 0 && (contactTotal.values.at(-1) ?? 0) === 0;
  return report('trafficking_grant', heading, tables, empty);
}

const caseloadValues = (f: CaseloadFigures): (number | null)[] => [
  f.openAtEnd,
  f.opened,
  f.closed,
  f.withContact,
  averageDays(f.contactSeconds, f.withContact),
  f.withReferral,
  averageDays(f.referralSeconds, f.withReferral),
];

export const CASELOAD_COLUMNS = ['open_at_end', 'new', 'closed', 'new_with_contact', 'avg_days_to_first_contact', 'new_with_referral', 'avg_days_to_first_referral'];

export function caseloadReport(heading: Heading, figures: CaseloadFigures[]): FunderReportResponse {
  const program = figures.find((f) => f.program);
  const rows = figures
    .filter((f) => !f.program)
    .map((f) => ({ key: f.caseworkerId ?? 'unassigned', label: f.caseworkerId ? (f.displayName ?? f.caseworkerId) : label('unassigned'), values: caseloadValues(f) }))
    // Caseworkers by name, cases assigned to no one last.
    .sort((a, b) => (a.key === 'unassigned' ? 1 : b.key === 'unassigned' ? -1 : a.label.localeCompare(b.label, 'en') || a.key.localeCompare(b.key)));
  const total = program
    ? { key: 'program', label: heading.organizationName ? `${label('program')} (${heading.organizationName})` : label('program'), values: caseloadValues(program) }
    : { key: 'program', label: label('program'), values: [0, 0, 0, 0, null, 0, null] };
  const empty = rows.length === 0;
  const result = report('caseload', heading, [table('caseload', 'cases', CASELOAD_COLUMNS, rows, total)], empty);
  if (empty) result.message = `Nothing was recorded between ${heading.period.from} and ${heading.period.to}: no case was open in the period.`;
  return result;
}

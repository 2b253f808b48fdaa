import { REPORT_HOME_COUNTRY, REPORT_LABOR_EXPLOITATION, SERVICE_CATEGORY_INFO, type ServiceCategory, type VocaCategory } from '@lantern/contracts';
import type { EntityManager } from 'typeorm';
import type { ReportPeriod } from './report-period.js';

/**
 * The SQL of the funder reports (docs/reports.md, "Part 2: funder reports"): exact counts of one
 * organization over one period, computed in PostgreSQL so a report over 100,000 cases moves counts, not
 * rows. The statements name their parameters ({org} the organization, {start} the first instant of the
 * period, {end} the first instant after it, {from} its first day and {to} its last day: service and
 * immigration dates are days), and `bound` numbers the ones each statement uses (PostgreSQL refuses a
 * parameter a statement does not use: it cannot tell its type). The reconciliation test
 * (reports.int-spec.ts) counts the same things from the rows in JavaScript, by another route, and
 * expects the same numbers.
 */

/** A statement with named parameters, as PostgreSQL takes it: `$n` for the ones it uses, in order, and their values. */
export function bound(sql: string, organizationId: string, period: ReportPeriod): [string, unknown[]] {
  const values = { org: organizationId, start: period.start, end: period.endExclusive, from: period.from, to: period.to };
  const order: (keyof typeof values)[] = [];
  const text = sql.replace(/\{(org|start|end|from|to)\}/g, (_, name: keyof typeof values) => {
    if (!order.includes(name)) order.push(name);
    return `$${order.indexOf(name) + 1}`;
  });
  return [text, order.map((name) => values[name])];
}

const quoted = (values: readonly string[]): string => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');

/**
 * The cases of the period: open at some moment of it (opened before its end, not closed before its
 * start), and the cases a service was given on in it (voided entries left out).
 */
export const SERVED_CASES = `
  served_cases AS (
    SELECT c.id, c.survivor_id, c.opened_at, c.closed_at, c.exploitation_types
    FROM survivor_case c
    WHERE c.organization_id = {org}
      AND ((c.opened_at < {end} AND (c.closed_at IS NULL OR c.closed_at >= {start}))
        OR c.id IN (SELECT d.case_id FROM service_delivery d
                    WHERE d.organization_id = {org} AND d.voided_at IS NULL AND d.delivered_on BETWEEN {from}::date AND {to}::date))
  )`;

/** One row per person served, with what the tables group her by. */
const PEOPLE = `
  people AS (
    SELECT s.id, s.birth_year, s.gender, s.citizenship,
      bool_or(sc.opened_at < {start} AND (sc.closed_at IS NULL OR sc.closed_at >= {start})) AS continuing,
      bool_or('SexualExploitation' = ANY(sc.exploitation_types)) AS sex,
      bool_or(sc.exploitation_types && ARRAY[${quoted(REPORT_LABOR_EXPLOITATION)}]::varchar[]) AS labor,
      bool_or(cardinality(sc.exploitation_types) > 0) AS any_type
    FROM served_cases sc JOIN survivor s ON s.id = sc.survivor_id AND s.organization_id = {org}
    GROUP BY s.id, s.birth_year, s.gender, s.citizenship
  )`;

/** The age reached in the calendar year the period starts: Lantern keeps the birth year only. */
const AGE = `(extract(year FROM {from}::date)::int - birth_year)`;
const AGE_GROUP = `CASE
    WHEN birth_year IS NULL OR ${AGE} < 0 THEN 'not_recorded'
    WHEN ${AGE} <= 12 THEN 'age_0_12'
    WHEN ${AGE} <= 17 THEN 'age_13_17'
    WHEN ${AGE} <= 24 THEN 'age_18_24'
    WHEN ${AGE} <= 59 THEN 'age_25_59'
    ELSE 'age_60_plus' END`;

const CITIZENSHIP = `CASE
    WHEN citizenship IS NULL OR cardinality(citizenship) = 0 THEN 'not_recorded'
    WHEN '${REPORT_HOME_COUNTRY}' = ANY(citizenship) THEN 'us_citizen'
    ELSE 'foreign_national' END`;

const TRAFFICKING = `CASE
    WHEN sex AND labor THEN 'sex_and_labor'
    WHEN sex THEN 'sex'
    WHEN labor THEN 'labor'
    WHEN any_type THEN 'other'
    ELSE 'not_recorded' END`;

/** VOCA's category (A–E) of each OVC PMT service, from the one table in libs/contracts. */
const VOCA_OF_SERVICE = `CASE category ${Object.entries(SERVICE_CATEGORY_INFO)
  .map(([service, info]) => `WHEN '${service}' THEN '${info.category}'`)
  .join(' ')} END`;

const REFERRAL_OUTCOME = `CASE
    WHEN status IN ('accepted', 'in_progress') THEN 'in_service'
    WHEN status = 'completed' AND outcome = 'not_served' THEN 'not_served'
    WHEN status = 'completed' THEN 'served'
    WHEN status = 'declined' THEN 'declined'
    WHEN status = 'cancelled' THEN 'cancelled'
    ELSE 'awaiting_response' END`;

export interface PeopleCounts {
  /** dimension → value → people. */
  [dimension: string]: Record<string, number>;
}

/** The people served, grouped once per dimension (each person in exactly one value of each). */
export async function countPeople(manager: EntityManager, organizationId: string, period: ReportPeriod): Promise<PeopleCounts> {
  const rows = (await manager.query(
    ...bound(`WITH ${SERVED_CASES}, ${PEOPLE}
     SELECT 'status' AS dimension, CASE WHEN continuing THEN 'continuing' ELSE 'new' END AS value, count(*)::int AS n FROM people GROUP BY 2
     UNION ALL SELECT 'age_group', ${AGE_GROUP}, count(*)::int FROM people GROUP BY 2
     UNION ALL SELECT 'gender', coalesce(gender, 'not_recorded'), count(*)::int FROM people GROUP BY 2
     UNION ALL SELECT 'citizenship', ${CITIZENSHIP}, count(*)::int FROM people GROUP BY 2
     UNION ALL SELECT 'trafficking_type', ${TRAFFICKING}, count(*)::int FROM people GROUP BY 2`, organizationId, period),
  )) as { dimension: string; value: string; n: number }[];
  const counts: PeopleCounts = { status: {}, age_group: {}, gender: {}, citizenship: {}, trafficking_type: {} };
  for (const row of rows) counts[row.dimension]![row.value] = row.n;
  return counts;
}

export interface ServiceFigures {
  services: number;
  people: number;
  units: number;
  minutes: number;
}

export interface ServiceCounts {
  byService: Partial<Record<ServiceCategory, ServiceFigures>>;
  byVoca: Partial<Record<VocaCategory, ServiceFigures>>;
  total: ServiceFigures;
}

/** The services given in the period (voided entries left out): by OVC PMT service, by VOCA category, and in all. */
export async function countServices(manager: EntityManager, organizationId: string, period: ReportPeriod): Promise<ServiceCounts> {
  const rows = (await manager.query(
    ...bound(`WITH given AS (
       SELECT category, ${VOCA_OF_SERVICE} AS voca, survivor_id, units, duration_minutes
       FROM service_delivery
       WHERE organization_id = {org} AND voided_at IS NULL AND delivered_on BETWEEN {from}::date AND {to}::date
     )
     SELECT category AS service, voca, GROUPING(category) AS by_voca, GROUPING(voca) AS overall,
            count(*)::int AS services, count(DISTINCT survivor_id)::int AS people,
            coalesce(sum(units), 0)::int AS units, coalesce(sum(duration_minutes), 0)::int AS minutes
     FROM given
     GROUP BY GROUPING SETS ((category, voca), (voca), ())`, organizationId, period),
  )) as { service: ServiceCategory | null; voca: VocaCategory | null; by_voca: number; overall: number; services: number; people: number; units: number; minutes: number }[];
  const result: ServiceCounts = { byService: {}, byVoca: {}, total: { services: 0, people: 0, units: 0, minutes: 0 } };
  for (const row of rows) {
    const figures = { services: row.services, people: row.people, units: row.units, minutes: row.minutes };
    if (Number(row.overall) === 1) result.total = figures;
    else if (Number(row.by_voca) === 1) result.byVoca[row.voca!] = figures;
    else result.byService[row.service!] = figures;
  }
  return result;
}

/** People who reached each immigration relief milestone in the period (a milestone's date inside it). */
export async function countReliefMilestones(manager: EntityManager, organizationId: string, period: ReportPeriod): Promise<Record<string, number>> {
  const within = (column: string) => `${column} BETWEEN {from}::date AND {to}::date`;
  const [row] = (await manager.query(
    ...bound(`SELECT
       count(DISTINCT survivor_id) FILTER (WHERE ${within('t_visa_applied_on')})::int AS t_visa_applied,
       count(DISTINCT survivor_id) FILTER (WHERE t_visa_status = 'approved' AND ${within('t_visa_decided_on')})::int AS t_visa_approved,
       count(DISTINCT survivor_id) FILTER (WHERE t_visa_status = 'denied' AND ${within('t_visa_decided_on')})::int AS t_visa_denied,
       count(DISTINCT survivor_id) FILTER (WHERE ${within('continued_presence_requested_on')})::int AS continued_presence_requested,
       count(DISTINCT survivor_id) FILTER (WHERE continued_presence_status = 'granted' AND ${within('continued_presence_decided_on')})::int AS continued_presence_granted,
       count(DISTINCT survivor_id) FILTER (WHERE continued_presence_status = 'denied' AND ${within('continued_presence_decided_on')})::int AS continued_presence_denied,
       count(DISTINCT survivor_id) FILTER (WHERE hhs_letter = 'certification' AND ${within('hhs_letter_requested_on')})::int AS hhs_certification_requested,
       count(DISTINCT survivor_id) FILTER (WHERE hhs_letter = 'certification' AND ${within('hhs_letter_issued_on')})::int AS hhs_certification_issued,
       count(DISTINCT survivor_id) FILTER (WHERE hhs_letter = 'eligibility' AND ${within('hhs_letter_requested_on')})::int AS hhs_eligibility_requested,
       count(DISTINCT survivor_id) FILTER (WHERE hhs_letter = 'eligibility' AND ${within('hhs_letter_issued_on')})::int AS hhs_eligibility_issued
     FROM immigration_relief WHERE organization_id = {org}`, organizationId, period),
  )) as Record<string, number>[];
  return row ?? {};
}

/** Referrals sent in the period, by service type and where each stands now: `serviceType|outcome` → referrals. */
export async function countReferrals(manager: EntityManager, organizationId: string, period: ReportPeriod): Promise<Record<string, number>> {
  const rows = (await manager.query(
    ...bound(`SELECT service_type, ${REFERRAL_OUTCOME} AS outcome, count(*)::int AS n
     FROM referral WHERE organization_id = {org} AND sent_at >= {start} AND sent_at < {end}
     GROUP BY 1, 2`, organizationId, period),
  )) as { service_type: string; outcome: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [`${r.service_type}|${r.outcome}`, r.n]));
}

export interface CaseloadFigures {
  /** The caseworker's id, or null for cases assigned to no one, or for the whole program when `program`. */
  caseworkerId: string | null;
  displayName: string | null;
  program: boolean;
  openAtEnd: number;
  opened: number;
  closed: number;
  withContact: number;
  /** Seconds from opening to first contact, added over the new cases that had one. */
  contactSeconds: number;
  withReferral: number;
  referralSeconds: number;
}

/**
 * The caseload: per caseworker the case is assigned to now, and the whole program (GROUPING SETS, so
 * the program's figures come from the cases, not from adding rows up). First contact: the earliest case
 * note with a contact method (not `none`), the same notes that keep `last_contact_at`; first referral:
 * the earliest one sent. Both over the cases opened in the period; a contact dated before the opening
 * counts as 0 days.
 */
export async function countCaseload(manager: EntityManager, organizationId: string, period: ReportPeriod): Promise<CaseloadFigures[]> {
  const rows = (await manager.query(
    ...bound(`WITH cases AS (
       SELECT c.id, c.assigned_caseworker_id AS caseworker_id, c.opened_at,
         (c.closed_at IS NULL OR c.closed_at >= {end}) AS open_at_end,
         (c.opened_at >= {start}) AS is_new,
         (c.closed_at >= {start} AND c.closed_at < {end}) AS is_closed
       FROM survivor_case c
       WHERE c.organization_id = {org} AND c.opened_at < {end} AND (c.closed_at IS NULL OR c.closed_at >= {start})
     ),
     firsts AS (
       SELECT k.id,
         (SELECT min(n.occurred_at) FROM case_note n WHERE n.case_id = k.id AND n.contact_method <> 'none') AS first_contact,
         (SELECT min(r.sent_at) FROM referral r WHERE r.case_id = k.id AND r.sent_at IS NOT NULL) AS first_referral
       FROM cases k WHERE k.is_new
     )
     SELECT k.caseworker_id, GROUPING(k.caseworker_id) AS program,
       count(*) FILTER (WHERE k.open_at_end)::int AS open_at_end,
       count(*) FILTER (WHERE k.is_new)::int AS opened,
       count(*) FILTER (WHERE k.is_closed)::int AS closed,
       count(f.first_contact)::int AS with_contact,
       coalesce(sum(greatest(0, extract(epoch FROM f.first_contact - k.opened_at))), 0)::float8 AS contact_seconds,
       count(f.first_referral)::int AS with_referral,
       coalesce(sum(greatest(0, extract(epoch FROM f.first_referral - k.opened_at))), 0)::float8 AS referral_seconds
     FROM cases k LEFT JOIN firsts f ON f.id = k.id
     GROUP BY GROUPING SETS ((k.caseworker_id), ())`, organizationId, period),
  )) as {
    caseworker_id: string | null;
    program: number;
    open_at_end: number;
    opened: number;
    closed: number;
    with_contact: number;
    contact_seconds: number;
    with_referral: number;
    referral_seconds: number;
  }[];
  const ids = rows.map((r) => r.caseworker_id).filter((id): id is string => id !== null);
  const names = new Map<string, string>();
  if (ids.length > 0) {
    const users = (await manager.query('SELECT id, display_name FROM app_user WHERE organization_id = $1 AND id = ANY($2::uuid[])', [organizationId, ids])) as {
      id: string;
      display_name: string;
    }[];
    for (const u of users) names.set(u.id, u.display_name);
  }
  return rows.map((r) => ({
    caseworkerId: Number(r.program) === 1 ? null : r.caseworker_id,
    displayName: r.caseworker_id ? (names.get(r.caseworker_id) ?? null) : null,
    program: Number(r.program) === 1,
    openAtEnd: r.open_at_end,
    opened: r.opened,
    closed: r.closed,
    withContact: r.with_contact,
    contactSeconds: Number(r.contact_seconds),
    withReferral: r.with_referral,
    referralSeconds: Number(r.referral_seconds),
  }));
}

/** The organization's name, for the report's heading. */
/**
 * Contacts before a case (issue 17) logged in the period, by where they led (their outcome now) and
 * channel: `outcome|channel` → count. Voided contacts (logged in error) are not counted.
 */
export async function countContacts(manager: EntityManager, organizationId: string, period: ReportPeriod): Promise<Record<string, number>> {
  const rows = (await manager.query(
    ...bound(`SELECT outcome, channel, count(*)::int AS n
     FROM contact WHERE organization_id = {org} AND occurred_at >= {start} AND occurred_at < {end} AND voided_at IS NULL
     GROUP BY 1, 2`, organizationId, period),
  )) as { outcome: string; channel: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [`${r.outcome}|${r.channel}`, r.n]));
}

export async function organizationName(manager: EntityManager, organizationId: string): Promise<string> {
  const [row] = (await manager.query('SELECT name FROM organization WHERE id = $1', [organizationId])) as { name: string }[];
  return row?.name ?? '';
}

import { METRIC_DIMENSIONS, METRIC_TABLES, type MetricDimensionName, type MetricTableDefinition } from '@lantern/contracts';
import type { EntityManager } from 'typeorm';

/**
 * The catalogue computed in PostgreSQL (docs/metrics-method.md, "Who is counted" and "The catalogue"): exact counts per cell for one
 * organization and one whole period, only of survivors with a live `anonymized_reporting` consent,
 * distinct survivors per cell (referral tables: distinct referrals, at most 3 per survivor).
 *
 * Every statement takes the same parameters: $1 organization, $2 first instant of the period,
 * $3 first instant after it, $4 the moment consent is judged (now: a revoked consent takes the survivor
 * out of every release computed after the revocation).
 *
 * Each survivor falls into exactly one cell of a table (so margins are sums and suppression can be
 * proved): a survivor with several cases in the period counts once, with their latest case; several
 * exploitation types are coarsened to one (sexual first, as CTDC's isSexualExploit flag does).
 */

/** The country whose citizens count as "domestic" (ISO 3166-1 alpha-2). */
export const HOME_COUNTRY = 'US';

export const CONSENTED = `
  consented AS (
    SELECT DISTINCT survivor_id FROM consent
    WHERE organization_id = $1 AND purpose = 'anonymized_reporting' AND revoked_at IS NULL
      AND granted_at <= $4 AND (expires_at IS NULL OR expires_at > $4)
  )`;

/**
 * Each survivor's latest case opened in the period, with the HTCDS core codes of its intake once
 * submitted (a draft's answers may still change). The intake's region texts are never selected.
 */
/**
 * The custom values the cases-opened population carries, by the kind of record they are asked on (issue
 * 18; custom-metric-tables.ts): the case's, and its intake's once submitted. A kind of record whose values
 * may feed the metrics is added here, with the column of `opened` that holds them (the survivor's:
 * `survivor: 's.custom'`, once her record stores custom values).
 */
export const OPENED_CUSTOM = { case: 'c.custom', intake: 'i.custom' } as const;

export const OPENED = `
  opened AS (
    SELECT DISTINCT ON (c.survivor_id) c.survivor_id, c.opened_at, c.exploitation_types, c.referral_source, s.birth_year, s.gender, s.citizenship,
           i.trafficking_status, i.exploitation_country, i.age_when_trafficked, i.relationship_to_trafficker,
           ${Object.entries(OPENED_CUSTOM).map(([entity, column]) => `${column} AS custom_${entity}`).join(', ')}
    FROM survivor_case c JOIN survivor s ON s.id = c.survivor_id
    LEFT JOIN intake i ON i.case_id = c.id AND i.status = 'submitted'
    WHERE c.organization_id = $1 AND c.opened_at >= $2 AND c.opened_at < $3
      AND c.survivor_id IN (SELECT survivor_id FROM consented)
    ORDER BY c.survivor_id, c.opened_at DESC, c.id
  )`;

/** Each survivor's latest case closed in the period, with its exit assessment when there is one. */
const CLOSED = `
  closed AS (
    SELECT DISTINCT ON (c.survivor_id) c.survivor_id, c.opened_at, c.closed_at, c.exit_destination, o.employment, o.income_change
    FROM survivor_case c
    LEFT JOIN outcome_assessment o ON o.case_id = c.id AND o.stage = 'exit'
    WHERE c.organization_id = $1 AND c.status = 'closed' AND c.closed_at >= $2 AND c.closed_at < $3
      AND c.survivor_id IN (SELECT survivor_id FROM consented)
    ORDER BY c.survivor_id, c.closed_at DESC, c.id
  )`;

/** Referrals sent in the period, the first three per survivor (docs/metrics-method.md, "Who is counted"). */
const REFERRALS = `
  referrals AS (
    SELECT * FROM (
      SELECT r.service_type, r.status, r.sent_at, r.responded_at,
             row_number() OVER (PARTITION BY r.survivor_id ORDER BY r.sent_at, r.id) AS nth
      FROM referral r
      WHERE r.organization_id = $1 AND r.sent_at >= $2 AND r.sent_at < $3
        AND r.survivor_id IN (SELECT survivor_id FROM consented)
    ) numbered WHERE nth <= 3
  )`;

const AGE_BAND = `CASE
    WHEN birth_year IS NULL THEN 'unknown'
    WHEN extract(year FROM opened_at AT TIME ZONE 'UTC') - birth_year < 18 THEN 'minor'
    WHEN extract(year FROM opened_at AT TIME ZONE 'UTC') - birth_year < 25 THEN '18_24'
    WHEN extract(year FROM opened_at AT TIME ZONE 'UTC') - birth_year < 35 THEN '25_34'
    ELSE '35_plus' END`;

const GENDER = `CASE gender
    WHEN 'Feminine' THEN 'woman' WHEN 'TransgenderFeminine' THEN 'woman'
    WHEN 'Masculine' THEN 'man' WHEN 'TransgenderMasculine' THEN 'man'
    WHEN 'NonConforming' THEN 'gender_diverse' ELSE 'unknown' END`;

const CITIZENSHIP = `CASE
    WHEN cardinality(citizenship) = 0 THEN 'unknown'
    WHEN '${HOME_COUNTRY}' = ANY(citizenship) THEN 'domestic' ELSE 'foreign' END`;

const EXPLOITATION = `CASE
    WHEN 'SexualExploitation' = ANY(exploitation_types) THEN 'sexual'
    WHEN exploitation_types && ARRAY['ForcedLabour', 'ChildLabour', 'Servitude', 'ForcedBegging', 'ForcedMilitaryByNonStateActors']::varchar[] THEN 'labour'
    WHEN cardinality(exploitation_types) = 0 THEN 'unknown' ELSE 'other' END`;

const REFERRAL_SOURCE = `CASE referral_source
    WHEN 'Hotline' THEN 'hotline' WHEN 'LawEnforcement' THEN 'law_enforcement'
    WHEN 'NGO' THEN 'service_provider' WHEN 'HealthcareProvider' THEN 'service_provider'
    WHEN 'SchoolOrCollege' THEN 'service_provider' WHEN 'FaithCommunity' THEN 'service_provider'
    WHEN 'SelfReferral' THEN 'self_or_family' WHEN 'FamilyOrFriend' THEN 'self_or_family'
    WHEN 'Outreach' THEN 'outreach' ELSE 'other' END`;

const TRAFFICKING_STATUS = `CASE trafficking_status
    WHEN 'ActualVictimOfTrafficking' THEN 'actual' WHEN 'PossibleVictimOfTrafficking' THEN 'possible'
    WHEN 'NotAVictimOfTrafficking' THEN 'not_a_victim' ELSE 'unknown' END`;

const EXPLOITATION_COUNTRY = `CASE
    WHEN exploitation_country IS NULL THEN 'unknown'
    WHEN exploitation_country = '${HOME_COUNTRY}' THEN 'domestic' ELSE 'foreign' END`;

const AGE_WHEN_TRAFFICKED = `CASE
    WHEN age_when_trafficked IS NULL THEN 'unknown'
    WHEN age_when_trafficked < 12 THEN 'under_12'
    WHEN age_when_trafficked < 18 THEN '12_17'
    WHEN age_when_trafficked < 25 THEN '18_24'
    ELSE '25_plus' END`;

const TRAFFICKER_RELATIONSHIP = `CASE relationship_to_trafficker
    WHEN 'Familial' THEN 'familial' WHEN 'Acquainted' THEN 'acquainted'
    WHEN 'Unaquainted' THEN 'unacquainted' ELSE 'unknown' END`;

/** VOCA's five categories: (A) information & referral, (B) personal advocacy, (C) emotional support or safety, (D) shelter/housing, (E) justice system. */
const SERVICE_CATEGORY = `CASE service_type
    WHEN 'housing' THEN 'shelter_housing' WHEN 'shelter' THEN 'shelter_housing'
    WHEN 'legal' THEN 'justice_assistance' WHEN 'immigration' THEN 'justice_assistance'
    WHEN 'mental_health' THEN 'emotional_support_safety'
    WHEN 'other' THEN 'information_referral'
    ELSE 'personal_advocacy' END`;

const REFERRAL_OUTCOME = `CASE status
    WHEN 'sent' THEN 'awaiting_response' WHEN 'accepted' THEN 'in_service' WHEN 'in_progress' THEN 'in_service'
    WHEN 'completed' THEN 'completed' WHEN 'declined' THEN 'declined' ELSE 'cancelled' END`;

const RESPONSE_TIME = `CASE
    WHEN responded_at IS NULL THEN 'no_response'
    WHEN responded_at - sent_at <= interval '48 hours' THEN 'within_48_hours'
    WHEN responded_at - sent_at <= interval '7 days' THEN 'within_7_days'
    ELSE 'over_7_days' END`;

/** HMIS FY2024: the hundreds digit is the category. */
const housingCategory = (column: string): string => `CASE ${column} / 100
    WHEN 1 THEN 'homeless' WHEN 2 THEN 'institutional' WHEN 3 THEN 'temporary' WHEN 4 THEN 'permanent'
    ELSE 'other_unknown' END`;

const EMPLOYMENT = `CASE
    WHEN employment LIKE 'employed%' THEN 'employed'
    WHEN employment LIKE 'not_employed%' THEN 'not_employed' ELSE 'unknown' END`;

const LENGTH = `CASE
    WHEN closed_at - opened_at < interval '90 days' THEN 'under_90_days'
    WHEN closed_at - opened_at <= interval '180 days' THEN '90_to_180_days'
    WHEN closed_at - opened_at <= interval '365 days' THEN '181_to_365_days'
    ELSE 'over_365_days' END`;

/** Goal statuses from least to furthest, so a survivor with several goals in a domain counts once, at their furthest. */
const GOAL_RANK = `CASE g.status WHEN 'achieved' THEN 5 WHEN 'partially_achieved' THEN 4 WHEN 'in_progress' THEN 3 WHEN 'not_started' THEN 2 ELSE 1 END`;

interface TableQuery {
  ctes: string[];
  /** Selects `d1`, `d2` (or NULL) and `n`. */
  select: string;
}

const one = (ctes: string[], expression: string, from: string): TableQuery => ({
  ctes,
  select: `SELECT ${expression} AS d1, NULL::text AS d2, count(*)::int AS n FROM ${from} GROUP BY 1`,
});

const QUERIES: Record<string, TableQuery> = {
  cases_opened_by_age_band: one([CONSENTED, OPENED], AGE_BAND, 'opened'),
  cases_opened_by_gender: one([CONSENTED, OPENED], GENDER, 'opened'),
  cases_opened_by_citizenship: one([CONSENTED, OPENED], CITIZENSHIP, 'opened'),
  intakes_by_exploitation: one([CONSENTED, OPENED], EXPLOITATION, 'opened'),
  intakes_by_referral_source: one([CONSENTED, OPENED], REFERRAL_SOURCE, 'opened'),
  intakes_by_trafficking_status: one([CONSENTED, OPENED], TRAFFICKING_STATUS, 'opened'),
  intakes_by_exploitation_country: one([CONSENTED, OPENED], EXPLOITATION_COUNTRY, 'opened'),
  intakes_by_age_when_trafficked: one([CONSENTED, OPENED], AGE_WHEN_TRAFFICKED, 'opened'),
  intakes_by_trafficker_relationship: one([CONSENTED, OPENED], TRAFFICKER_RELATIONSHIP, 'opened'),
  referrals_by_service_category_and_outcome: {
    ctes: [CONSENTED, REFERRALS],
    select: `SELECT ${SERVICE_CATEGORY} AS d1, ${REFERRAL_OUTCOME} AS d2, count(*)::int AS n FROM referrals GROUP BY 1, 2`,
  },
  referrals_by_response_time: one([CONSENTED, REFERRALS], RESPONSE_TIME, 'referrals'),
  goals_by_domain_and_status: {
    ctes: [
      CONSENTED,
      `furthest AS (
        SELECT c.survivor_id, g.domain, max(${GOAL_RANK}) AS rank
        FROM goal g JOIN survivor_case c ON c.id = g.case_id
        WHERE g.organization_id = $1 AND g.created_at >= $2 AND g.created_at < $3
          AND c.survivor_id IN (SELECT survivor_id FROM consented)
        GROUP BY c.survivor_id, g.domain
      )`,
    ],
    select: `SELECT domain AS d1,
        CASE rank WHEN 5 THEN 'achieved' WHEN 4 THEN 'partially_achieved' WHEN 3 THEN 'in_progress' WHEN 2 THEN 'not_started' ELSE 'discontinued' END AS d2,
        count(*)::int AS n FROM furthest GROUP BY 1, 2`,
  },
  cases_closed_by_exit_destination: one([CONSENTED, CLOSED], housingCategory('exit_destination'), 'closed'),
  exits_by_employment: one([CONSENTED, CLOSED], EMPLOYMENT, 'closed'),
  exits_by_income_change: one([CONSENTED, CLOSED], `coalesce(income_change, 'unknown')`, 'closed'),
  exits_by_length_of_participation: one([CONSENTED, CLOSED], LENGTH, 'closed'),
  assessments_by_stage_and_housing: {
    ctes: [
      CONSENTED,
      `assessed AS (
        SELECT DISTINCT ON (o.survivor_id, o.stage) o.stage, o.housing_situation
        FROM outcome_assessment o
        WHERE o.organization_id = $1 AND o.assessed_on >= $2::date AND o.assessed_on < $3::date
          AND o.survivor_id IN (SELECT survivor_id FROM consented)
        ORDER BY o.survivor_id, o.stage, o.assessed_on DESC, o.id
      )`,
    ],
    select: `SELECT stage AS d1, ${housingCategory('housing_situation')} AS d2, count(*)::int AS n FROM assessed GROUP BY 1, 2`,
  },
};

for (const table of METRIC_TABLES) if (!QUERIES[table.id]) throw new Error(`No query for metric table ${table.id}`);

export interface ExactCounts {
  table: MetricTableDefinition;
  /** `v1` or `v1|v2` → exact count; absent cells are zero. */
  counts: Record<string, number>;
}

export interface PeriodWindow {
  organizationId: string;
  start: Date;
  endExclusive: Date;
  now: Date;
}

export const params = (w: PeriodWindow) => [w.organizationId, w.start, w.endExclusive, w.now];

/** Exact counts of one catalogue table. A value outside the dimension's vocabulary is a bug, not data. */
export async function exactCounts(manager: EntityManager, table: MetricTableDefinition, window: PeriodWindow): Promise<ExactCounts> {
  const query = QUERIES[table.id]!;
  const rows: { d1: string; d2: string | null; n: number }[] = await manager.query(`WITH ${query.ctes.join(',')} ${query.select}`, params(window));
  const counts: Record<string, number> = {};
  const [first, second] = table.dimensions.map((name: MetricDimensionName) => METRIC_DIMENSIONS[name].values as readonly string[]);
  for (const row of rows) {
    if (!first!.includes(row.d1) || (second && !second.includes(row.d2 ?? ''))) {
      throw new Error(`Metric table ${table.id} produced a value outside its vocabulary`);
    }
    counts[second ? `${row.d1}|${row.d2}` : row.d1] = row.n;
  }
  return { table, counts };
}

/**
 * How many survivors of the period the release leaves out for want of consent, and how many it may
 * count: anyone with a case open at some time in the period.
 */
export async function consentCoverage(manager: EntityManager, window: PeriodWindow): Promise<{ inPeriod: number; consented: number }> {
  const [row] = await manager.query(
    `WITH ${CONSENTED},
      present AS (
        SELECT DISTINCT survivor_id FROM survivor_case
        WHERE organization_id = $1 AND opened_at < $3 AND (closed_at IS NULL OR closed_at >= $2)
      )
     SELECT count(*)::int AS in_period, count(*) FILTER (WHERE survivor_id IN (SELECT survivor_id FROM consented))::int AS consented FROM present`,
    params(window),
  );
  return { inPeriod: row.in_period, consented: row.consented };
}

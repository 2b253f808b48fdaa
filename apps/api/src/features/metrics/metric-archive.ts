import { createHash } from 'node:crypto';
import { csvCell, publish, type ProtectedTable } from '@lantern/anonymize';
import {
  METRIC_DIMENSIONS,
  METRIC_EPSILON_PER_TABLE,
  METRIC_EPSILON_PER_YEAR,
  METRIC_ROUNDING_BASE,
  METRIC_SCHEMA_VERSION,
  METRIC_THRESHOLD,
  isCustomMetricTable,
  metricTable,
  type MetricMode,
  type MetricPeriod,
} from '@lantern/contracts';
import { zipSync } from 'fflate';
import { customDefinition, type CustomMetricTable } from './custom-metric-tables.js';
import { MILLI, type MetricRelease } from './metric-release.entity.js';

/**
 * The three layouts of one protected cell set (docs/metrics-method.md, "The zip"), zipped: tidy CSV with
 * metadata.json, an HTCDS/CTDC-compatible layout, and HUD-style aggregate tables. Only published
 * values are written; every text cell goes through `csvCell` (RFC 4180, formula injection escaped).
 */

export interface ArchiveInput {
  period: MetricPeriod;
  mode: MetricMode;
  tables: ProtectedTable[];
  metadata: Record<string, unknown>;
}

const CRLF = '\r\n';
const csv = (rows: (string | number | null)[][]): string => rows.map((row) => row.map((v) => csvCell(v === null ? '' : String(v))).join(',')).join(CRLF) + CRLF;

/** What a margin cell is called in the files. */
const ALL = 'all';
const shown = (value: string | null): string | null => (value === '*' ? ALL : value);
/** A custom field's table counts survivors and has no HUD layout (issue 18). */
const unitOf = (id: string): string => (isCustomMetricTable(id) ? 'survivors' : metricTable(id).unit);
const hasHud = (id: string): boolean => !isCustomMetricTable(id) && metricTable(id).hud === true;


function tidy(input: ArchiveInput): string {
  const rows: (string | number | null)[][] = [
    ['schema_version', 'period_start', 'period_end', 'table_id', 'dim1_name', 'dim1_value', 'dim2_name', 'dim2_value', 'measure', 'value', 'flag'],
  ];
  for (const table of input.tables) {
    const unit = unitOf(table.id);
    const [first, second] = table.dimensions;
    for (const cell of table.cells) {
      rows.push([
        METRIC_SCHEMA_VERSION,
        input.period.start,
        input.period.end,
        table.id,
        first?.name ?? null,
        shown(cell.dim1),
        second?.name ?? null,
        second ? shown(cell.dim2) : null,
        unit,
        cell.display,
        cell.flag,
      ]);
    }
  }
  return csv(rows);
}

/** CTDC / HTCDS 2.0 names for the dimensions that have them, with their value names. */
const HTCDS_NAMES: Record<string, { field: string; values: Record<string, string> }> = {
  gender: { field: 'prs_Gender', values: { woman: 'Feminine', man: 'Masculine', gender_diverse: 'NonConforming', unknown: 'NonSpecifiedUnknown', gender_diverse_or_unknown: 'NonConforming/NonSpecifiedUnknown' } },
  exploitation: { field: 'vic_TypeOfExploitation', values: { sexual: 'SexualExploitation', labour: 'ForcedLabour', other: 'Other', unknown: 'NonSpecifiedUnknown', labour_other_or_unknown: 'ForcedLabour/Other/NonSpecifiedUnknown' } },
  age_band: { field: 'ageBroad', values: { minor: '0--17', '18_24': '18--24', '25_34': '25--34', '18_34': '18--34', '35_plus': '35+', unknown: 'Unknown', '35_plus_or_unknown': '35+/Unknown' } },
  citizenship: { field: 'citizenship', values: { domestic: 'Domestic', foreign: 'Foreign', unknown: 'Unknown', foreign_or_unknown: 'Foreign/Unknown' } },
  trafficking_status: {
    field: 'vic_TraffickingStatus',
    values: { actual: 'ActualVictimOfTrafficking', possible: 'PossibleVictimOfTrafficking', not_a_victim: 'NotAVictimOfTrafficking', unknown: 'NonSpecifiedUnknown', not_a_victim_or_unknown: 'NotAVictimOfTrafficking/NonSpecifiedUnknown' },
  },
  exploitation_country: { field: 'vic_LocationOfExploitation', values: { domestic: 'Domestic', foreign: 'Foreign', unknown: 'Unknown', foreign_or_unknown: 'Foreign/Unknown' } },
  age_when_trafficked: { field: 'vic_AgeWhenTrafficked', values: { under_12: '0--11', '12_17': '12--17', minor: '0--17', '18_24': '18--24', '25_plus': '25+', unknown: 'Unknown', '25_plus_or_unknown': '25+/Unknown' } },
  trafficker_relationship: {
    field: 'vic_RelationshipToTrafficker',
    values: { familial: 'Familial', acquainted: 'Acquainted', unacquainted: 'Unaquainted', unknown: 'NonSpecifiedUnknown', unacquainted_or_unknown: 'Unaquainted/NonSpecifiedUnknown' },
  },
  referral_source: {
    field: 'cas_IdentificationSource',
    values: { hotline: 'Hotline', law_enforcement: 'LawEnforcement', service_provider: 'NGO/ServiceProvider', self_or_family: 'Self/FamilyOrFriend', outreach: 'Outreach', other: 'Other', outreach_or_other: 'Outreach/Other' },
  },
};

function htcdsName(dimension: string): string {
  return HTCDS_NAMES[dimension]?.field ?? dimension;
}

function htcdsValue(dimension: string, value: string | null): string | null {
  if (value === null) return null;
  if (value === '*') return ALL;
  return HTCDS_NAMES[dimension]?.values[value] ?? value;
}

/** One wide file per table: the period as CTDC's yearOfRegistration (+ quarter), then the dimensions, then the count. */
function htcds(input: ArchiveInput, table: ProtectedTable): string {
  const unit = unitOf(table.id);
  const names = table.dimensions.map((d) => htcdsName(d.name));
  const rows: (string | number | null)[][] = [['yearOfRegistration', 'quarterOfRegistration', ...names, unit, 'flag']];
  for (const cell of table.cells) {
    const values: (string | null)[] = [];
    if (table.dimensions[0]) values.push(htcdsValue(table.dimensions[0].name, cell.dim1));
    if (table.dimensions[1]) values.push(htcdsValue(table.dimensions[1].name, cell.dim2));
    rows.push([input.period.year, input.period.quarter ? `Q${input.period.quarter}` : ALL, ...values, cell.display, cell.flag]);
  }
  return csv(rows);
}

const HUD_LABELS: Record<string, Record<string, string>> = {
  exit_destination: {
    permanent: 'Permanent destinations (400-series)',
    temporary: 'Temporary destinations (300-series)',
    institutional: 'Institutional settings (200-series)',
    homeless: 'Homeless situations (100-series)',
    other_unknown: 'Other destinations (8, 9, 17, 24, 30, 37, 99)',
    not_permanent: 'Temporary, institutional or homeless (100-, 200-, 300-series)',
  },
  income_change: { increased: 'Income increased', same: 'Income the same', decreased: 'Income decreased', not_increased: 'Income the same or decreased', unknown: 'Not known or not collected' },
  length_of_participation: { under_90_days: 'Under 90 days', '90_to_180_days': '90 to 180 days', '181_to_365_days': '181 to 365 days', over_365_days: 'Over 365 days', over_180_days: 'Over 180 days' },
};

/** HUD-style aggregate table: a labelled row per category, then the total, as a CoC "comparable database" report shows it. */
function hud(table: ProtectedTable): string {
  const labels = HUD_LABELS[table.dimensions[0]?.name ?? ''] ?? {};
  const rows: (string | number | null)[][] = [['category', 'code', 'persons', 'flag']];
  const inner = table.cells.filter((c) => c.dim1 !== '*');
  const total = table.cells.find((c) => c.dim1 === '*');
  for (const cell of inner) rows.push([labels[cell.dim1] ?? cell.dim1, cell.dim1, cell.display, cell.flag]);
  if (total) rows.push(['Total', ALL, total.display, total.flag]);
  return csv(rows);
}

/** The dimension's values and vocabulary as published (after any collapse). */
export function vocabularyOf(tables: ProtectedTable[]): Record<string, { vocabulary: string; values: string[] }> {
  const out: Record<string, { vocabulary: string; values: string[] }> = {};
  for (const table of tables) {
    for (const dimension of table.dimensions) {
      const known = (METRIC_DIMENSIONS as Record<string, { vocabulary: string }>)[dimension.name];
      out[dimension.name] = { vocabulary: known?.vocabulary ?? (dimension.name.startsWith('custom.') ? 'Lantern (custom field)' : 'Lantern'), values: [...dimension.values] };
    }
  }
  return out;
}

/** Deterministic zip: fixed file order and timestamps (the period's freeze date), so the bytes depend only on the cells. */
export function buildArchive(input: ArchiveInput): { archive: Buffer; sha256: string } {
  const encoder = new TextEncoder();
  const mtime = new Date(`${input.period.frozenOn}T00:00:00Z`);
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {};
  const add = (name: string, text: string) => {
    files[name] = [encoder.encode(text), { mtime }];
  };
  add('metadata.json', JSON.stringify(input.metadata, null, 2) + '\n');
  add('tidy/metrics.csv', tidy(input));
  for (const table of input.tables) add(`htcds/${table.id}.csv`, htcds(input, table));
  for (const table of input.tables) if (hasHud(table.id)) add(`hud/${table.id}.csv`, hud(table));
  const archive = Buffer.from(zipSync(files, { level: 9 }));
  return { archive, sha256: createHash('sha256').update(archive).digest('hex') };
}

const GENERATOR = 'lantern-metrics/1';

/** A count published under the same rule as the cells (the library's): `<11` below the threshold, else rounded to 5, never below 15. */
export const protectedCount = (n: number): string => String(publish(n, { threshold: METRIC_THRESHOLD, base: METRIC_ROUNDING_BASE }) ?? `<${METRIC_THRESHOLD}`);

/** The release's metadata.json: its rule, its period and ledger, and what each table counts. */
export function releaseMetadata(
  period: MetricPeriod,
  release: MetricRelease,
  tables: ProtectedTable[],
  people: { inPeriod: number; consented: number },
  spentThisYear: number,
  custom: Map<string, CustomMetricTable>,
  releasedOn: string,
): Record<string, unknown> {
  const byDimensions = (n: number) => tables.filter((t) => t.dimensions.length === n).map((t) => t.coverage);
  const lowest = (values: number[]) => (values.length ? Math.min(...values) : null);
  return {
    schemaVersion: METRIC_SCHEMA_VERSION,
    generator: GENERATOR,
    period: { id: period.id, start: period.start, end: period.end, frozenOn: period.frozenOn },
    releasedOn,
    mode: release.mode,
    threshold: METRIC_THRESHOLD,
    roundingBase: METRIC_ROUNDING_BASE,
    suppressedBelow: METRIC_THRESHOLD,
    referralsPerSurvivorCap: 3,
    epsilon: release.mode === 'noise' ? { perTable: METRIC_EPSILON_PER_TABLE, spent: release.epsilonMillis / MILLI, spentThisYear, capPerYear: METRIC_EPSILON_PER_YEAR } : null,
    consent: {
      rule: 'Only survivors with a live anonymized_reporting consent are counted',
      survivorsLeftOut: protectedCount(people.inPeriod - people.consented),
    },
    coverage: { oneDimension: lowest(byDimensions(1)), twoDimension: lowest(byDimensions(2)) },
    vocabularies: {
      ...vocabularyOf(tables),
      standards: ['HTCDS 2.0 (IOM, CC BY 4.0)', 'CTDC codebook', 'HUD HMIS FY2024', 'VOCA service categories'],
    },
    tables: tables.map((t) => {
      const own = custom.get(t.id);
      const { title, population, unit } = own ? customDefinition(own) : metricTable(t.id);
      const columns = { id: t.id, title, population, unit, dimensions: t.dimensions.map((d) => d.name), coverage: t.coverage, collapsed: t.collapsed, epsilon: t.epsilon };
      // The field's labels, so the page and the file name the question (issue 18).
      return own ? { ...columns, custom: own.custom } : columns;
    }),
  };
}

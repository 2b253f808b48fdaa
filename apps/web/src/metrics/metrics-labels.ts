import {
  GENDER_GROUP_NAMED_AFTER,
  GENDER_GROUPS,
  METRIC_DIMENSIONS,
  type MetricCellResponse,
  type MetricCustomTable,
  type MetricMode,
  type MetricPeriod,
  type MetricReleaseResponse,
  type MetricReleaseStatus,
  type MetricUnit,
} from '@lantern/contracts';
import { humanize } from '../common/labels';
import { formatNumber } from '../i18n/format';
import { currentLocale, translate } from '../i18n/translate';
import { vocabLabel } from '../i18n/vocabulary';

/**
 * Words per value, read in the current language each time (`lantern.metrics.<group>.<value>` in the
 * catalogues): the same shape as a plain record.
 */
function wordsOf<T extends string>(group: string, values: readonly T[]): Readonly<Record<T, string>> {
  const words = {} as Record<T, string>;
  for (const value of values) {
    Object.defineProperty(words, value, { enumerable: true, get: () => translate(`lantern.metrics.${group}.${value}`) });
  }
  return words;
}

const isGenderGroup = (value: string): value is (typeof GENDER_GROUPS)[number] => (GENDER_GROUPS as readonly string[]).includes(value);

/**
 * Values whose snake_case name would read oddly as words (numbers, ranges, bands) have words in the
 * catalogues (`lantern.metrics.value.<value>`, "*" as `all`); any other value is split into words.
 * A gender group reads as the recorded gender it is named after (one vocabulary, issue 13: "Woman" on
 * the intake and in the metrics alike).
 */
export function valueLabel(value: string, dimension?: string): string {
  if (dimension === 'gender' && isGenderGroup(value)) return vocabLabel('gender', GENDER_GROUP_NAMED_AFTER[value]);
  return translate(`lantern.metrics.value.${value === '*' ? 'all' : value}`, { _: humanize(value) });
}

export function dimensionLabel(name: string): string {
  const fallback = Object.hasOwn(METRIC_DIMENSIONS, name) ? METRIC_DIMENSIONS[name as keyof typeof METRIC_DIMENSIONS].label : humanize(name);
  return translate(`lantern.metrics.dimension.${name}`, { _: fallback });
}

/**
 * The words of one table: the catalogue's, or for a table fed by one of the organization's own fields
 * (issue 18) the field's label, its option's, and each value's, in the reader's language (English where
 * the field has none in it), as the admin wrote them.
 */
export function tableWords(table: { title: string; custom?: MetricCustomTable }): { title: string; dimension: (name: string) => string; value: (value: string, dimension?: string) => string } {
  const custom = table.custom;
  if (!custom) return { title: table.title, dimension: dimensionLabel, value: valueLabel };
  const said = (label: Record<string, string> | null | undefined): string => (label ? (label[currentLocale()] ?? label.en ?? '') : '');
  const title = custom.option ? `${said(custom.label)}: ${said(custom.option)}` : said(custom.label);
  return { title, dimension: () => title, value: (value) => (value === '*' ? valueLabel(value) : said(custom.values[value]) || humanize(value)) };
}

export const UNIT_LABELS = wordsOf<MetricUnit>('unit', ['survivors', 'referrals', 'survivor_goal_domains']);

export const MODE_LABELS = wordsOf<MetricMode>('mode', ['k', 'noise']);

/** What each protection does, in words a board member can follow. */
export const MODE_EXPLANATIONS = wordsOf<MetricMode>('modeText', ['k', 'noise']);

export const STATUS_LABELS = wordsOf<MetricReleaseStatus>('status', ['queued', 'running', 'done', 'failed']);

export const STATUS_COLORS: Record<MetricReleaseStatus, 'default' | 'info' | 'success' | 'error'> = {
  queued: 'default',
  running: 'info',
  done: 'success',
  failed: 'error',
};

export const isActive = (release: Pick<MetricReleaseResponse, 'status'>): boolean => release.status === 'queued' || release.status === 'running';

/** A month's short name in the reader's language ("Jul", "jul"). */
function monthName(index: number): string {
  return new Date(2000, index, 1).toLocaleDateString(currentLocale(), { month: 'short' }).replace('.', '');
}

/** `2026-Q3` → "2026 Q3", `2025` → "Year 2025". */
export function periodLabel(id: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(id);
  if (quarter) return translate('lantern.metrics.quarter', { year: quarter[1], quarter: quarter[2] });
  return /^\d{4}$/.test(id) ? translate('lantern.metrics.year', { year: id }) : id;
}

/** "2026 Q3 · Jul–Sep 2026" for the period picker. */
export function periodOptionLabel(period: MetricPeriod): string {
  if (period.kind === 'year') {
    return `${translate('lantern.metrics.year', { year: period.year })} · ${monthName(0)}–${monthName(11)} ${period.year}`;
  }
  const first = Number(period.start.slice(5, 7)) - 1;
  return `${translate('lantern.metrics.quarter', { year: period.year, quarter: period.quarter })} · ${monthName(first)}–${monthName(first + 2)} ${period.year}`;
}

export function formatEpsilon(epsilon: number): string {
  return `ε ${formatNumber(Number(epsilon.toFixed(2)))}`;
}

export function formatShare(share: number | null | undefined): string {
  return share === null || share === undefined ? '—' : formatNumber(share, { style: 'percent', maximumFractionDigits: 0 });
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  return bytes < 1024
    ? translate('lantern.metrics.bytes', { size: formatNumber(bytes) })
    : translate('lantern.metrics.kilobytes', { size: formatNumber(bytes / 1024, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) });
}

/** A suppressed cell is never shown as 0 (docs/metrics-method.md, "Threshold and rounding"): its own display, or "suppressed". */
export function cellText(cell: MetricCellResponse | undefined): string {
  if (!cell) return '—';
  if (cell.value === null) return /^\d+$/.test(cell.display) ? translate('lantern.metrics.suppressed') : cell.display;
  return cell.display;
}

export const isSuppressed = (cell: MetricCellResponse | undefined): boolean => !!cell && cell.value === null;

export const FLAG_LABELS = wordsOf<MetricCellResponse['flag']>('flag', ['ok', 'rounded', 'noised', 'suppressed_primary', 'suppressed_complementary']);

import {
  METRIC_DIMENSIONS,
  type MetricCellResponse,
  type MetricMode,
  type MetricPeriod,
  type MetricReleaseResponse,
  type MetricReleaseStatus,
  type MetricUnit,
} from '@lantern/contracts';
import { humanize } from '../common/labels';

/** Values whose snake_case name would read oddly as words (numbers, ranges, bands). */
const VALUE_LABELS: Record<string, string> = {
  '*': 'All',
  minor: 'Under 18',
  '18_24': '18–24',
  '25_34': '25–34',
  '18_34': '18–34',
  '35_plus': '35 and over',
  gender_diverse: 'Gender-diverse',
  gender_diverse_or_unknown: 'Gender-diverse or unknown',
  other_or_unknown: 'Other or unknown',
  other_unknown: 'Other or unknown',
  outreach_or_other: 'Outreach or other',
  self_or_family: 'Self or family',
  information_referral: 'Information and referral',
  emotional_support_safety: 'Emotional support and safety',
  shelter_housing: 'Shelter and housing',
  justice_assistance: 'Justice assistance',
  '90_days': '90 days',
  '180_days': '180 days',
  '365_days': '365 days',
  under_90_days: 'Under 90 days',
  '90_to_180_days': '90–180 days',
  '181_to_365_days': '181–365 days',
  over_365_days: 'Over 365 days',
  within_48_hours: 'Within 48 hours',
  within_7_days: 'Within 7 days',
  over_7_days: 'Over 7 days',
};

export function valueLabel(value: string): string {
  return Object.hasOwn(VALUE_LABELS, value) ? VALUE_LABELS[value] : humanize(value);
}

export function dimensionLabel(name: string): string {
  return Object.hasOwn(METRIC_DIMENSIONS, name) ? METRIC_DIMENSIONS[name as keyof typeof METRIC_DIMENSIONS].label : humanize(name);
}

export const UNIT_LABELS: Record<MetricUnit, string> = {
  survivors: 'Survivors',
  referrals: 'Referrals',
  survivor_goal_domains: 'Survivors per goal domain',
};

export const MODE_LABELS: Record<MetricMode, string> = {
  k: 'Threshold and rounding',
  noise: 'Random noise',
};

/** What each protection does, in words a board member can follow. */
export const MODE_EXPLANATIONS: Record<MetricMode, string> = {
  k:
    'Every count from 0 to 10 is shown as "<11" and the others are rounded to the nearest 5. Counts that would let ' +
    'someone work out a hidden one from the totals are hidden as well. Costs nothing from the privacy budget; the ' +
    'usual choice.',
  noise:
    'Each count gets a small random change before it is rounded and small counts are hidden, so that releases made ' +
    'often cannot be combined to single anyone out. Every table spends part of a yearly privacy budget (ε).',
};

export const STATUS_LABELS: Record<MetricReleaseStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
};

export const STATUS_COLORS: Record<MetricReleaseStatus, 'default' | 'info' | 'success' | 'error'> = {
  queued: 'default',
  running: 'info',
  done: 'success',
  failed: 'error',
};

export const isActive = (release: Pick<MetricReleaseResponse, 'status'>): boolean => release.status === 'queued' || release.status === 'running';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-Q3` → "2026 Q3", `2025` → "Year 2025". */
export function periodLabel(id: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(id);
  if (quarter) return `${quarter[1]} Q${quarter[2]}`;
  return /^\d{4}$/.test(id) ? `Year ${id}` : id;
}

/** "2026 Q3 · Jul–Sep 2026" for the period picker. */
export function periodOptionLabel(period: MetricPeriod): string {
  if (period.kind === 'year') return `Year ${period.year} · Jan–Dec ${period.year}`;
  const first = Number(period.start.slice(5, 7)) - 1;
  return `${period.year} Q${period.quarter} · ${MONTHS[first]}–${MONTHS[first + 2]} ${period.year}`;
}

export function formatEpsilon(epsilon: number): string {
  return `ε ${Number(epsilon.toFixed(2))}`;
}

export function formatShare(share: number | null | undefined): string {
  return share === null || share === undefined ? '—' : `${Math.round(share * 100)}%`;
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** A suppressed cell is never shown as 0 (docs/metrics-method.md, "Threshold and rounding"): its own display, or "suppressed". */
export function cellText(cell: MetricCellResponse | undefined): string {
  if (!cell) return '—';
  if (cell.value === null) return /^\d+$/.test(cell.display) ? 'suppressed' : cell.display;
  return cell.display;
}

export const isSuppressed = (cell: MetricCellResponse | undefined): boolean => !!cell && cell.value === null;

export const FLAG_LABELS: Record<MetricCellResponse['flag'], string> = {
  ok: 'Published as counted',
  rounded: 'Rounded to the nearest 5',
  noised: 'Random noise added, then rounded',
  suppressed_primary: 'Hidden: fewer than 11',
  suppressed_complementary: 'Hidden so that a small count cannot be worked out from the totals',
};

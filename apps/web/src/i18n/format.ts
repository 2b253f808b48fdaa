import { codeName } from '../common/code-names';
import { currentLocale } from './translate';

/**
 * Dates, times and numbers in the reader's language, through Intl. The one place the web app formats
 * them, so a language switch changes every page at once.
 */

function parse(iso: string): Date {
  // A calendar date ("2024-03-05") is that day where the reader is, not midnight UTC.
  return new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = parse(iso);
  return Number.isNaN(date.getTime()) ? '—' : date.toLocaleDateString(currentLocale(), { year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? '—'
    : date.toLocaleString(currentLocale(), { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** A time of day: "14:05" or "2:05 PM", as the reader's language writes it. */
export function formatTime(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? '—' : date.toLocaleTimeString(currentLocale(), { hour: '2-digit', minute: '2-digit' });
}

export function formatNumber(value: number | null | undefined, options?: Intl.NumberFormatOptions): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(currentLocale(), options).format(value);
}

/** A share between 0 and 1 (or a percentage) as "72%" / "72 %", or "—" when there is none yet. */
export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  const share = rate <= 1 ? rate : rate / 100;
  return new Intl.NumberFormat(currentLocale(), { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** "es" → "Spanish" (or "Español"), in the reader's language (common/code-names.ts). */
export function languageName(code: string): string {
  return codeName('language', code, currentLocale());
}

/** "MX" → "Mexico" (or "México"). */
export function countryName(code: string): string {
  return codeName('country', code, currentLocale());
}

import type { ImportDateFormat } from '@lantern/contracts';

/** Case, spacing, underscores and hyphens aside: "Sexual exploitation", "sexual_exploitation" and "SEXUALEXPLOITATION" are one value. */
export function valueKey(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(/[\s_-]+/g, '');
}

const DATE_PATTERNS: Record<ImportDateFormat, RegExp> = {
  'YYYY-MM-DD': /^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})$/,
  'DD/MM/YYYY': /^(?<d>\d{1,2})[/.](?<m>\d{1,2})[/.](?<y>\d{4})$/,
  'MM/DD/YYYY': /^(?<m>\d{1,2})\/(?<d>\d{1,2})\/(?<y>\d{4})$/,
};

/**
 * A date cell as YYYY-MM-DD, or null when it is not a real date in the sheet's format. A cell an XLSX
 * stored as a date is already YYYY-MM-DD, and is accepted whatever the format.
 */
export function parseDate(cell: string, format: ImportDateFormat): string | null {
  const value = cell.trim();
  const match = DATE_PATTERNS[format].exec(value) ?? DATE_PATTERNS['YYYY-MM-DD'].exec(value);
  if (!match?.groups) return null;
  const y = Number(match.groups.y);
  const m = Number(match.groups.m);
  const d = Number(match.groups.d);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** The cells of a multi-value column: separated by ";" or "|" (a comma may be inside a label). */
export function splitValues(cell: string): string[] {
  return cell
    .split(/[;|]/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

import { inertCell } from '@lantern/anonymize';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';

type Plain = Record<string, unknown>;

/**
 * A list as CSV (issue 16, record export), with csv-stringify (the `csv` project's writer: quoting,
 * embedded line breaks and commas done right). The columns are the fields the records carry, in the
 * order they first appear: what the person may read and nothing else, since the rows come field-filtered
 * from the record-access layer. A nested object becomes dotted columns (`survivor.alias`), a list one
 * cell joined by "; ", a date its ISO form. A cell that starts like a formula is prefixed with a quote,
 * so a spreadsheet shows it as text and never runs it: the one rule of every file Lantern writes
 * (`inertCell`, libs/anonymize/src/csv.ts), which keeps a phone number or a figure as it is.
 */
export function toCsv(rows: Plain[]): string {
  const flat = rows.map((row) => flatten(row));
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of flat) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  // A byte-order mark: spreadsheet programs then read the file as UTF-8 (accents, Spanish).
  return '\uFEFF' + stringify(flat, { header: true, columns, cast: { string: inertCell }, record_delimiter: 'windows' });
}

function flatten(value: Plain, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const [key, item] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (item === null || item === undefined) out[name] = '';
    else if (item instanceof Date) out[name] = item.toISOString();
    else if (Array.isArray(item)) out[name] = item.map((part) => (part !== null && typeof part === 'object' ? JSON.stringify(part) : String(part))).join('; ');
    else if (typeof item === 'object') flatten(item as Plain, name, out);
    else out[name] = String(item);
  }
  return out;
}

/** Sends the CSV as a download named `<resource>-<YYYY-MM-DD>.csv`: no name, alias or filter in it. */
export function sendCsv(reply: FastifyReply, resource: string, rows: Plain[], today: Date): string {
  void reply
    .header('Content-Type', 'text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${resource}-${today.toISOString().slice(0, 10)}.csv"`)
    .header('X-Export-Rows', String(rows.length));
  return toCsv(rows);
}

import { inertCell } from '@lantern/anonymize';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';
import type { Plain } from './serialize.js';

/** A column whose header is not its key: a custom field's, `custom.<key>` headed with its label. */
export interface CsvColumn {
  key: string;
  header: string;
}

/**
 * A list as CSV (issue 16, record export), with csv-stringify (the `csv` project's writer: quoting,
 * embedded line breaks and commas done right). The columns are the fields the records carry, in the
 * order they first appear: what the person may read and nothing else, since the rows come field-filtered
 * from the record-access layer. A nested object becomes dotted columns (`survivor.alias`), a list one
 * cell joined by "; ", a date its ISO form. `labelled` columns come last, each once, with their own
 * header, even where no row has a value (a custom field's column; docs/reports.md, "Part 3"). Every cell
 * and header goes through the one rule of every file Lantern writes (`inertCell`,
 * libs/anonymize/src/csv.ts), so a spreadsheet never runs one as a formula; a phone number or a figure
 * stays as it is.
 */
export function toCsv(rows: Plain[], labelled: readonly CsvColumn[] = []): string {
  const flat = rows.map((row) => flatten(row));
  const last = new Set(labelled.map((c) => c.key));
  const columns: CsvColumn[] = [];
  const seen = new Set<string>();
  for (const row of flat) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key) && !last.has(key)) {
        seen.add(key);
        columns.push({ key, header: key });
      }
    }
  }
  columns.push(...labelled);
  // A byte-order mark: spreadsheet programs then read the file as UTF-8 (accents, Spanish).
  return '\uFEFF' + stringify(flat, { header: true, columns: columns.map((c) => ({ key: c.key, header: inertCell(c.header) })), record_delimiter: 'windows' });
}

function flatten(value: Plain, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const [key, item] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (item === null || item === undefined) out[name] = '';
    else if (item instanceof Date) out[name] = item.toISOString();
    else if (Array.isArray(item)) out[name] = inertCell(item.map((part) => (part !== null && typeof part === 'object' ? JSON.stringify(part) : String(part))).join('; '));
    else if (typeof item === 'object') flatten(item as Plain, name, out);
    else out[name] = inertCell(String(item));
  }
  return out;
}

/** Sends the CSV as a download named `<resource>-<YYYY-MM-DD>.csv`: no name, alias or filter in it. */
export function sendCsv(reply: FastifyReply, resource: string, rows: Plain[], today: Date, labelled: readonly CsvColumn[] = []): string {
  void reply
    .header('Content-Type', 'text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${resource}-${today.toISOString().slice(0, 10)}.csv"`)
    .header('X-Export-Rows', String(rows.length));
  return toCsv(rows, labelled);
}

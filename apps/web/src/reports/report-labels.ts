import { SERVICE_CATEGORY_INFO, type ReportRowResponse, type ReportTableId, type ReportTableResponse } from '@lantern/contracts';
import { formatNumber } from '../i18n/format';
import { currentLocale, translate } from '../i18n/translate';
import { vocabLabel } from '../i18n/vocabulary';

/**
 * The words of the funder reports in the reader's language. The API sends English labels for the
 * files; the screen names each row from its key through the catalogues (lantern.reports.*, and the
 * vocabularies the rows come from), and shows a caseworker's name as it came.
 */

const own = (key: string): string => translate(`lantern.reports.rows.${key}`, { _: key });

export function rowLabel(table: Pick<ReportTableResponse, 'id'>, row: Pick<ReportRowResponse, 'key' | 'label'>): string {
  if (row.key === 'total' || row.key === 'not_recorded' || row.key === 'program') return own(row.key);
  // The custom section (issue 18): yes, no and "recorded" in the reader's words, an option as the admin wrote it.
  if (table.id.startsWith('custom.')) return ['yes', 'no', 'recorded'].includes(row.key) ? own(row.key) : row.label;
  switch (table.id) {
    case 'gender':
      return vocabLabel('gender', row.key);
    case 'services_by_voca_category':
      return vocabLabel('vocaCategory', row.key);
    case 'services_by_pmt_service': {
      const info = SERVICE_CATEGORY_INFO[row.key as keyof typeof SERVICE_CATEGORY_INFO];
      return info ? `${info.code}. ${vocabLabel('serviceCategory', row.key)}` : row.label;
    }
    case 'referrals_out':
      return vocabLabel('serviceType', row.key);
    case 'caseload':
      return row.key === 'unassigned' ? own('unassigned') : row.label;
    default:
      return own(row.key);
  }
}

export const columnLabel = (column: string): string => translate(`lantern.reports.columns.${column}`, { _: column });

/** A table's title: the catalogue's, or a custom section's field label in the reader's language (English where it has none). */
export function tableTitle(table: Pick<ReportTableResponse, 'id' | 'title' | 'customLabel'>): string {
  if (table.customLabel) return table.customLabel[currentLocale()] ?? table.customLabel.en ?? table.title;
  return translate(`lantern.reports.tables.${table.id as ReportTableId}`, { _: table.id });
}

/** A figure as the table shows it: averages with one decimal, none as a dash. */
export function figure(value: number | null | undefined, column: string): string {
  if (value === null || value === undefined) return '—';
  return column.startsWith('avg_') ? formatNumber(value, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) : formatNumber(value);
}

/** The column the chart draws: a table's total column where it has one, else its first. */
export function chartColumn(table: Pick<ReportTableResponse, 'columns'>): number {
  const total = table.columns.indexOf('total');
  return total >= 0 ? total : 0;
}

/** The OVC PMT table lists all 35 services in the files; on screen only those given in the period. */
export function shownRows(table: ReportTableResponse): ReportRowResponse[] {
  if (table.id !== 'services_by_pmt_service') return table.rows;
  return table.rows.filter((row) => row.values.some((value) => value !== 0 && value !== null));
}

const iso = (date: Date): string => date.toISOString().slice(0, 10);

/** A calendar quarter (UTC) as a period: `offset` 0 is the current one, -1 the one before. */
export function quarterPeriod(today: Date, offset: number): { from: string; to: string } {
  const first = Math.floor(today.getUTCMonth() / 3) * 3 + offset * 3;
  const start = new Date(Date.UTC(today.getUTCFullYear(), first, 1));
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 3, 0));
  return { from: iso(start), to: iso(end) };
}

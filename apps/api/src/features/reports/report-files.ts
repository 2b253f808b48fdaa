import { inertCell } from '@lantern/anonymize';
import type { FunderReportResponse, ReportFormat } from '@lantern/contracts';
import ExcelJS from 'exceljs';

/**
 * The downloads of a funder report. Both carry exactly the figures of the on-screen report (the same
 * FunderReportResponse), with the organization, the period and the moment it was made.
 *
 * CSV is for machines: one line per figure (tidy: table, row, column, value), every table's total
 * included as its own row, so a spreadsheet or a script sums and checks without guessing a layout.
 * XLSX is for people: one sheet, each table under its title with its columns and its total in bold.
 */

export const REPORT_MIME: Record<ReportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** `lantern-trafficking-grant-2026-01-01-to-2026-03-31.xlsx`: no name or figure of anyone in it. */
export function reportFilename(report: Pick<FunderReportResponse, 'kind' | 'from' | 'to'>, format: ReportFormat): string {
  return `lantern-${report.kind.replace(/_/g, '-')}-${report.from}-to-${report.to}.${format}`;
}

function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = inertCell(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_COLUMNS = ['report', 'organization', 'period_start', 'period_end', 'table', 'table_title', 'unit', 'row', 'row_label', 'column', 'column_label', 'value'] as const;

/** RFC 4180 (CRLF), UTF-8 with a byte-order mark so a spreadsheet reads the accents and dashes. */
export function reportCsv(report: FunderReportResponse): Buffer {
  const lines = [CSV_COLUMNS.join(',')];
  for (const table of report.tables) {
    for (const row of [...table.rows, ...(table.total ? [table.total] : [])]) {
      table.columns.forEach((column, i) => {
        const fields = [report.kind, report.organizationName, report.from, report.to, table.id, table.title, table.unit, row.key, row.label, column, table.columnLabels[i]!, row.values[i] ?? null];
        lines.push(fields.map(csvField).join(','));
      });
    }
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function reportXlsx(report: FunderReportResponse): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lantern';
  workbook.created = new Date(report.generatedAt);
  workbook.modified = new Date(report.generatedAt);
  const sheet = workbook.addWorksheet('Report', { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const widest = Math.max(...report.tables.map((t) => t.columns.length));
  sheet.columns = [{ width: 48 }, ...Array.from({ length: widest }, () => ({ width: 16 }))];

  const title = sheet.addRow([report.title]);
  title.font = { bold: true, size: 14 };
  sheet.addRow(['Organization', inertCell(report.organizationName)]);
  sheet.addRow(['Period', `${report.from} to ${report.to} (both days included, UTC)`]);
  sheet.addRow(['Generated', report.generatedAt]);
  sheet.addRow(['Exact counts for the program and its funders under a data-use agreement: not for publication.']).font = { italic: true };

  for (const table of report.tables) {
    sheet.addRow([]);
    sheet.addRow([table.title]).font = { bold: true, size: 12 };
    const header = sheet.addRow([table.unit === 'cases' ? 'Caseworker' : '', ...table.columnLabels]);
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.border = { bottom: { style: 'thin' } };
    });
    for (const row of table.rows) sheet.addRow([inertCell(row.label), ...row.values]);
    if (table.total) {
      const total = sheet.addRow([inertCell(table.total.label), ...table.total.values]);
      total.font = { bold: true };
      total.eachCell((cell) => {
        cell.border = { top: { style: 'thin' } };
      });
    }
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer);
}

export async function reportFile(report: FunderReportResponse, format: ReportFormat): Promise<Buffer> {
  return format === 'csv' ? reportCsv(report) : reportXlsx(report);
}

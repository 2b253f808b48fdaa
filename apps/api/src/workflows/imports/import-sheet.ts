import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { ImportFormat } from '@lantern/contracts';
import { badRequest } from '../../kernel/http/domain-error.js';

/** The most rows one import takes (a program's whole caseload; the benchmark imports 10,000). */
export const IMPORT_MAX_ROWS = 20_000;
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
const MAX_COLUMNS = 100;
const MAX_CELL = 2_000;

/** A parsed sheet: the header row, then every row's cells as text; `formulas` marks cells holding a formula. */
export interface Sheet {
  header: string[];
  rows: string[][];
  /** `row:column` (0-based, header excluded) of each cell that holds a formula: such a row is refused. */
  formulas: string[];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function isZip(bytes: Buffer): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * Reads an uploaded CSV (UTF-8, with or without a byte-order mark; comma or semicolon) or XLSX (its
 * first sheet). Anything else, or a sheet without a usable header, is refused with 400 on `file`.
 * Cells are kept as text; an XLSX date becomes YYYY-MM-DD. A formula is never evaluated: the cell is
 * marked, and the dry run refuses its row (a CSV cell starting with "=" counts as one).
 */
export async function readSheet(bytes: Buffer): Promise<{ format: ImportFormat; sheet: Sheet }> {
  if (bytes.length === 0) throw badRequest('file', 'is empty');
  if (bytes.length > IMPORT_MAX_BYTES) throw badRequest('file', `is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB`);
  const raw = isZip(bytes) ? { format: 'xlsx' as const, ...(await readXlsx(bytes)) } : { format: 'csv' as const, ...readCsv(bytes) };
  return { format: raw.format, sheet: finish(raw.cells, raw.formulas) };
}

function readCsv(bytes: Buffer): { cells: string[][]; formulas: Set<string> } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badRequest('file', 'is not a CSV in UTF-8 or an XLSX workbook');
  }
  if (text.includes('\u0000')) throw badRequest('file', 'is not a CSV or an XLSX workbook');
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let cells: string[][];
  try {
    cells = parseCsv(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, trim: false, max_record_size: MAX_CELL * MAX_COLUMNS }) as string[][];
  } catch {
    throw badRequest('file', 'is not a well-formed CSV (check its quotes)');
  }
  const formulas = new Set<string>();
  cells.forEach((row, r) => row.forEach((cell, c) => {
    if (r > 0 && cell.trimStart().startsWith('=')) formulas.add(`${r - 1}:${c}`);
  }));
  return { cells, formulas };
}

function cellText(value: ExcelJS.CellValue): { text: string; formula: boolean } {
  if (value === null || value === undefined) return { text: '', formula: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), formula: false };
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) return { text: '', formula: true };
    if ('richText' in value) return { text: value.richText.map((part) => part.text).join(''), formula: false };
    if ('text' in value) return { text: String(value.text), formula: false };
    if ('error' in value) return { text: '', formula: true };
    return { text: '', formula: false };
  }
  return { text: String(value), formula: false };
}

async function readXlsx(bytes: Buffer): Promise<{ cells: string[][]; formulas: Set<string> }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw badRequest('file', 'is not a CSV or an XLSX workbook');
  }
  const worksheet = workbook.worksheets[0];
  if (!worksheet) throw badRequest('file', 'has no worksheet');
  const cells: string[][] = [];
  const formulas = new Set<string>();
  worksheet.eachRow({ includeEmpty: false }, (row) => {
    const r = cells.length;
    const out: string[] = [];
    const width = Math.min(row.cellCount, MAX_COLUMNS + 1);
    for (let c = 1; c <= width; c++) {
      const { text, formula } = cellText(row.getCell(c).value);
      out.push(text);
      if (formula && r > 0) formulas.add(`${r - 1}:${c - 1}`);
    }
    cells.push(out);
  });
  return { cells, formulas };
}

function finish(cells: string[][], formulas: Set<string>): Sheet {
  const [headerRow, ...rows] = cells;
  if (!headerRow) throw badRequest('file', 'has no rows');
  const header = headerRow.map((h) => h.trim());
  while (header.length > 0 && header[header.length - 1] === '') header.pop();
  if (header.length === 0) throw badRequest('file', 'has no header row');
  if (header.length > MAX_COLUMNS) throw badRequest('file', `has more than ${MAX_COLUMNS} columns`);
  const blank = header.findIndex((h) => h === '');
  if (blank >= 0) throw badRequest('file', `has a column without a header (column ${blank + 1})`);
  const seen = new Set<string>();
  for (const h of header) {
    if (h.length > 80) throw badRequest('file', 'has a header longer than 80 characters');
    if (seen.has(h.toLowerCase())) throw badRequest('file', 'has two columns with the same header');
    seen.add(h.toLowerCase());
  }
  const body = rows.map((row) => header.map((_, c) => (row[c] ?? '').slice(0, MAX_CELL)));
  if (body.length === 0) throw badRequest('file', 'has a header but no rows');
  if (body.length > IMPORT_MAX_ROWS) throw badRequest('file', `has more than ${IMPORT_MAX_ROWS} rows: split it`);
  return { header, rows: body, formulas: [...formulas].filter((key) => Number(key.split(':')[1]) < header.length) };
}

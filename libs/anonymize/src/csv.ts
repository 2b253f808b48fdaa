/**
 * The one CSV-injection rule of every file Lantern writes by hand (OWASP's CSV injection): the metric
 * archive here (csvCell), and through apps/api/src/kernel/http/csv.ts the reports' CSV and XLSX and an
 * import's failed rows. It lives in this library because libraries cannot import the API.
 *
 * A text cell a spreadsheet would run as a formula when the file is opened — one starting with = + - @,
 * a tab or a carriage return — gets a leading apostrophe, except a phone number or a figure: a + or -
 * then a digit, and nothing after but digits, spaces and . , ( ) / -. Anything more after a leading sign
 * ("-2+3+cmd|' /C calc'!A0", "+1+A1") is a formula and is neutralized.
 */
export function inertCell(value: string): string {
  return /^[=@\t\r]/.test(value) || (/^[+-]/.test(value) && !PHONE_OR_FIGURE.test(value)) ? `'${value}` : value;
}

const PHONE_OR_FIGURE = /^[+-]\d[\d .,()/-]*$/;

/** One RFC 4180 CSV field: always quoted (embedded quotes doubled), its text made inert first (inertCell). */
export function csvCell(value: string): string {
  return `"${inertCell(value).replace(/"/g, '""')}"`;
}

/** One CSV record (CRLF-terminated, RFC 4180). */
export function csvRow(values: readonly string[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

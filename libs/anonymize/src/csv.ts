/**
 * One RFC 4180 CSV field. Always quoted (embedded quotes doubled), and a value that a spreadsheet would
 * run as a formula (starting with = + - @, tab or carriage return) gets a leading apostrophe
 * (OWASP CSV injection).
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** One CSV record (CRLF-terminated, RFC 4180). */
export function csvRow(values: readonly string[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

import pg from 'pg';

/** PostgreSQL's type OID of `timestamptz` (pg_type), the type of every timestamp column of Lantern. */
export const TIMESTAMPTZ_OID = 1184;

const stockTimestamptz = pg.types.getTypeParser(TIMESTAMPTZ_OID, 'text') as (value: string) => Date | number | null;

const ZERO = 48;

/** The value of `n` decimal digits of `s` from `at`, or -1 if one of them is not a digit. */
function digits(s: string, at: number, n: number): number {
  let value = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * `timestamptz` as node-postgres's own parser reads it (postgres-date), the same `Date` for every text,
 * faster for the text PostgreSQL writes with `DateStyle = ISO` (docs/benchmarks.md, "Named statements
 * and faster dates"): `YYYY-MM-DD HH:MM:SS[.ffffff]±HH[:MM[:SS]]` with a year from 100 to 9999, read
 * digit by digit rather than through three regular expressions. Anything else (infinity, BC, years
 * below 100 or past 9999, another DateStyle) goes to the stock parser. pg-dates.spec.ts checks the two
 * agree on random timestamps over the whole range and every offset form.
 */
export function parseTimestamptz(s: string): Date | number | null {
  const n = s.length;
  if (n < 22 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 32 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) {
    return stockTimestamptz(s);
  }
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  if (year < 100 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return stockTimestamptz(s);
  let at = 19;
  let ms = 0;
  if (s.charCodeAt(at) === 46) {
    // The first three digits of the fraction are the milliseconds (postgres-date: 1000 × the fraction,
    // truncated by Date.UTC; the same for every fraction of up to six digits).
    at++;
    const start = at;
    while (at < n) {
      const d = s.charCodeAt(at) - ZERO;
      if (d < 0 || d > 9) break;
      if (at - start < 3) ms = ms * 10 + d;
      at++;
    }
    const count = at - start;
    if (count === 0 || count > 6) return stockTimestamptz(s);
    for (let i = count; i < 3; i++) ms *= 10;
  }
  const sign = s.charCodeAt(at);
  if (sign !== 43 && sign !== 45) return stockTimestamptz(s);
  const offsetHours = digits(s, at + 1, 2);
  if (offsetHours < 0) return stockTimestamptz(s);
  at += 3;
  let offsetSeconds = offsetHours * 3600;
  for (const scale of [60, 1]) {
    if (at === n) break;
    const part = s.charCodeAt(at) === 58 ? digits(s, at + 1, 2) : -1;
    if (part < 0) return stockTimestamptz(s);
    offsetSeconds += part * scale;
    at += 3;
  }
  if (at !== n) return stockTimestamptz(s);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  return new Date(sign === 45 ? utc + offsetSeconds * 1000 : utc - offsetSeconds * 1000);
}

/**
 * The type parsers of Lantern's pools (`extra.types`, data-source-options.ts): node-postgres's own, with
 * `timestamptz` read by `parseTimestamptz`. Given to the pool rather than set on pg's global registry, so
 * nothing else in the process changes.
 */
export const LANTERN_PG_TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): unknown {
    if (oid === TIMESTAMPTZ_OID && (format ?? 'text') === 'text') return parseTimestamptz;
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
  },
};

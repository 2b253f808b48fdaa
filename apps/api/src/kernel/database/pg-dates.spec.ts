import fc from 'fast-check';
import pg from 'pg';
import { LANTERN_PG_TYPES, parseTimestamptz, TIMESTAMPTZ_OID } from './pg-dates.js';

const stock = pg.types.getTypeParser(TIMESTAMPTZ_OID, 'text') as (value: string) => unknown;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** What the stock parser gives, as something `toEqual` compares exactly (an invalid Date as NaN). */
const outcome = (value: unknown) => (value instanceof Date ? { date: value.getTime() } : { other: value });

/**
 * A `timestamptz` as PostgreSQL writes it with DateStyle ISO: the year padded to four digits (more when
 * larger, " BC" before year 1), the fraction's trailing zeros dropped, the offset as ±HH, ±HH:MM or
 * ±HH:MM:SS (seconds appear for historical zones).
 */
const pgText = fc
  .record({
    year: fc.oneof(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 294276 }), fc.integer({ min: 1, max: 120 })),
    bc: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    micros: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 999_999 }), fc.constantFrom(1, 10, 100, 1000, 500_000, 999_000, 129_000, 570_000)),
    offset: fc.oneof(
      fc.constant('+00'),
      fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 15 })).map(([s, h]) => `${s}${pad(h, 2)}`),
      fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 59 })).map(([s, h, m]) => `${s}${pad(h, 2)}:${pad(m, 2)}`),
      fc
        .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }))
        .map(([s, h, m, sec]) => `${s}${pad(h, 2)}:${pad(m, 2)}:${pad(sec, 2)}`),
    ),
  })
  .map(({ year, bc, month, day, hour, minute, second, micros, offset }) => {
    const fraction = micros === 0 ? '' : `.${pad(micros, 6).replace(/0+$/, '')}`;
    return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)} ${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}${fraction}${offset}${bc ? ' BC' : ''}`;
  });

describe('parseTimestamptz', () => {
  it('gives the same Date as node-postgres’s own parser for every text PostgreSQL writes', () => {
    fc.assert(
      fc.property(pgText, (text) => {
        expect(outcome(parseTimestamptz(text))).toEqual(outcome(stock(text)));
      }),
      { numRuns: 5_000 },
    );
  });

  it('gives the same as the stock parser for texts outside its form (falls back)', () => {
    const odd = fc.oneof(
      fc.string(),
      fc.constantFrom('infinity', '-infinity', '2026-01-01', '2026-01-01 00:00:00', '2026-01-01T00:00:00Z', '2026-01-01 00:00:00.+00', '2026-01-01 00:00:00.1234567+00', '2026-01-01 00:00:00+0', '2026-01-01 00:00:00+00:3', '2026-01-01 00:00:00+00 BC', '0099-12-31 23:59:59+00'),
      pgText.chain((t) => fc.integer({ min: 0, max: t.length - 1 }).map((cut) => t.slice(0, cut))),
      pgText.chain((t) => fc.tuple(fc.integer({ min: 0, max: t.length - 1 }), fc.string({ minLength: 1, maxLength: 1 })).map(([at, c]) => t.slice(0, at) + c + t.slice(at + 1))),
    );
    fc.assert(
      fc.property(odd, (text) => {
        expect(outcome(parseTimestamptz(text))).toEqual(outcome(stock(text)));
      }),
      { numRuns: 5_000 },
    );
  });

  it('reads the forms Lantern’s columns come back in', () => {
    expect(parseTimestamptz('2026-12-06 14:12:27.123456+00')).toEqual(new Date('2026-12-06T14:12:27.123Z'));
    expect(parseTimestamptz('2026-12-06 09:12:27.5-05')).toEqual(new Date('2026-12-06T14:12:27.500Z'));
    expect(parseTimestamptz('2026-12-06 19:42:27+05:30')).toEqual(new Date('2026-12-06T14:12:27.000Z'));
    expect(parseTimestamptz('infinity')).toBe(Infinity);
  });

  it('is what Lantern’s pools parse timestamptz with, and the stock parsers for every other type', () => {
    expect(LANTERN_PG_TYPES.getTypeParser(TIMESTAMPTZ_OID, 'text')).toBe(parseTimestamptz);
    expect(LANTERN_PG_TYPES.getTypeParser(TIMESTAMPTZ_OID)).toBe(parseTimestamptz);
    for (const oid of [16, 20, 25, 1082, 1114, 2950, 3802]) {
      expect(LANTERN_PG_TYPES.getTypeParser(oid, 'text')).toBe(pg.types.getTypeParser(oid, 'text'));
    }
    expect(LANTERN_PG_TYPES.getTypeParser(TIMESTAMPTZ_OID, 'binary')).toBe(pg.types.getTypeParser(TIMESTAMPTZ_OID, 'binary'));
  });
});

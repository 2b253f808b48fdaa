import fc from 'fast-check';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { testDatabase } from '../../testing/test-app.js';
import { dataSourceOptions } from './data-source-options.js';
import { parseTimestamptz, TIMESTAMPTZ_OID } from './pg-dates.js';

const stock = pg.types.getTypeParser(TIMESTAMPTZ_OID, 'text') as (value: string) => unknown;
const outcome = (value: unknown) => (value instanceof Date ? { date: value.getTime() } : { other: value });

/**
 * docs/architecture.md, "Dates": the texts the database itself writes for timestamptz, in several session
 * time zones (offsets in hours, half hours and, for historical dates, seconds), read by Lantern's pool
 * give the very Date node-postgres's own parser gives.
 */
describe('timestamptz read by Lantern’s pools', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = new DataSource(dataSourceOptions(testDatabase(), 1));
    await dataSource.initialize();
  });
  afterAll(() => dataSource.destroy());

  it('is the Date of the stock parser for what PostgreSQL writes, in any session time zone', async () => {
    // Microseconds since 2000-01-01 from the 48th century BC to 9999 AD, and a few around the common range.
    const micros = fc.oneof(fc.bigInt({ min: -211_000_000_000_000_000n, max: 252_455_615_999_999_999n }), fc.bigInt({ min: 0n, max: 1_200_000_000_000_000n }));
    const zone = fc.constantFrom('UTC', 'America/New_York', 'Asia/Kolkata', 'Australia/Eucla', 'Europe/Amsterdam', 'America/St_Johns', 'Pacific/Chatham');
    await fc.assert(
      fc.asyncProperty(fc.array(micros, { minLength: 1, maxLength: 20 }), zone, async (values, tz) => {
        const rows = (await dataSource.transaction(async (manager) => {
          await manager.query(`SELECT set_config('TimeZone', $1, true)`, [tz]);
          return manager.query(`SELECT ('2000-01-01 00:00:00+00'::timestamptz + make_interval(secs => v::numeric / 1000000)) AS at, ('2000-01-01 00:00:00+00'::timestamptz + make_interval(secs => v::numeric / 1000000))::text AS text FROM unnest($1::bigint[]) AS v`, [
            values.map(String),
          ]);
        })) as { at: unknown; text: string }[];
        for (const row of rows) {
          expect(outcome(row.at)).toEqual(outcome(stock(row.text)));
          expect(outcome(parseTimestamptz(row.text))).toEqual(outcome(stock(row.text)));
        }
      }),
      { numRuns: 40 },
    );
  });
});

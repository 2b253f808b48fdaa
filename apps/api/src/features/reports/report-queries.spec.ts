import { bound } from './report-queries.js';
import { parseReportPeriod } from './report-period.js';

describe('report statements', () => {
  it('number the parameters each statement uses, in order of first use, with their values', () => {
    const period = parseReportPeriod('2025-01-01', '2025-03-31');
    const [text, values] = bound('SELECT 1 FROM t WHERE org = {org} AND day BETWEEN {from}::date AND {to}::date AND again = {org}', 'org-1', period);
    expect(text).toBe('SELECT 1 FROM t WHERE org = $1 AND day BETWEEN $2::date AND $3::date AND again = $1');
    expect(values).toEqual(['org-1', '2025-01-01', '2025-03-31']);
    const [, instants] = bound('{end} {start}', 'org-1', period);
    expect(instants).toEqual([period.endExclusive, period.start]);
  });
});

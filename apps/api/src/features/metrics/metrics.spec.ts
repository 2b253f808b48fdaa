import { frozenMetricPeriods, parseMetricPeriod } from '@lantern/contracts';
import { protectedCount } from './metric-archive.js';

describe('metric periods (whole quarters and years only)', () => {
  it('parses quarters and years into inclusive UTC dates and a freeze date 45 days after the end', () => {
    expect(parseMetricPeriod('2026-Q2')).toEqual({ id: '2026-Q2', kind: 'quarter', year: 2026, quarter: 2, start: '2026-04-01', end: '2026-06-30', frozenOn: '2026-08-14' });
    expect(parseMetricPeriod('2025-Q4')).toMatchObject({ start: '2025-10-01', end: '2025-12-31', frozenOn: '2026-02-14' });
    expect(parseMetricPeriod('2024-Q1')).toMatchObject({ end: '2024-03-31' });
    expect(parseMetricPeriod('2025')).toMatchObject({ kind: 'year', quarter: null, start: '2025-01-01', end: '2025-12-31', frozenOn: '2026-02-14' });
  });

  it('refuses anything that is not a whole quarter or year', () => {
    for (const id of ['2026-Q5', '2026-Q0', '2026-05', '2026-04-01', '26-Q1', '2026Q1', ' 2026', '1999', '2026-q1', '']) expect(parseMetricPeriod(id)).toBeNull();
  });

  it('offers only periods frozen on the day, newest first', () => {
    const ids = frozenMetricPeriods('2026-11-27').map((p) => p.id);
    expect(ids.slice(0, 5)).toEqual(['2026-Q3', '2026-Q2', '2026-Q1', '2025', '2025-Q4']);
    expect(ids).not.toContain('2026');
    expect(ids).not.toContain('2026-Q4');
    // The day before Q3 freezes, it is not offered; on the day it is.
    expect(frozenMetricPeriods('2026-11-13').map((p) => p.id)).not.toContain('2026-Q3');
    expect(frozenMetricPeriods('2026-11-14').map((p) => p.id)).toContain('2026-Q3');
  });
});

describe('the protected count of survivors left out', () => {
  it('follows the cells’ rule: below 11 is <11, 11 and 12 publish as 15 (never a value in 1–10), others round to 5', () => {
    expect([0, 1, 10].map(protectedCount)).toEqual(['<11', '<11', '<11']);
    expect([11, 12, 13, 17, 18, 102].map(protectedCount)).toEqual(['15', '15', '15', '15', '20', '100']);
  });
});

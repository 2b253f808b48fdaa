import { DomainError } from '../../kernel/http/domain-error.js';
import { parseReportFormat, parseReportPeriod } from './report-period.js';

/** The fields a refusal names, with its status. */
function refusal(from: unknown, to: unknown): { status: number; fields: string[] } {
  try {
    parseReportPeriod(from, to);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { status: error.status, fields: Object.keys(error.errors ?? {}).sort() };
  }
  throw new Error('accepted');
}

describe('a report period', () => {
  it('is whole UTC days, both included', () => {
    const period = parseReportPeriod('2026-01-01', '2026-03-31');
    expect(period).toMatchObject({ from: '2026-01-01', to: '2026-03-31' });
    expect(period.start.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(period.endExclusive.toISOString()).toBe('2026-04-01T00:00:00.000Z');
    // One day is a period.
    expect(parseReportPeriod('2026-02-28', '2026-02-28').endExclusive.toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });

  it('refuses a missing day or one that is not in the calendar, naming the field', () => {
    expect(refusal(undefined, '2026-03-31')).toEqual({ status: 400, fields: ['from'] });
    expect(refusal('2026-01-01', '')).toEqual({ status: 400, fields: ['to'] });
    expect(refusal('2026-02-30', '2026-03-31')).toEqual({ status: 400, fields: ['from'] });
    expect(refusal('2026-01-01', '2026-13-01')).toEqual({ status: 400, fields: ['to'] });
    expect(refusal('01/02/2026', 'soon')).toEqual({ status: 400, fields: ['from', 'to'] });
    expect(refusal(['2026-01-01'], '2026-03-31')).toEqual({ status: 400, fields: ['from'] });
    expect(refusal('2025-02-29', '2025-03-31')).toEqual({ status: 400, fields: ['from'] });
    expect(parseReportPeriod('2024-02-29', '2024-03-31').from).toBe('2024-02-29');
  });

  it('refuses an end before its start, naming `to`', () => {
    expect(refusal('2026-03-31', '2026-01-01')).toEqual({ status: 400, fields: ['to'] });
  });

  it('is at most 5 years: the end comes before the same day five years on', () => {
    expect(parseReportPeriod('2020-01-01', '2024-12-31').to).toBe('2024-12-31');
    expect(refusal('2020-01-01', '2025-01-01')).toEqual({ status: 400, fields: ['to'] });
    expect(refusal('2000-01-01', '2026-01-01')).toEqual({ status: 400, fields: ['to'] });
    // A leap day rolls to 1 March five years on: the last day allowed is 28 February.
    expect(parseReportPeriod('2020-02-29', '2025-02-28').to).toBe('2025-02-28');
    expect(refusal('2020-02-29', '2025-03-01')).toEqual({ status: 400, fields: ['to'] });
  });

  it('a file is csv or xlsx, else a 400 naming `format`', () => {
    expect(parseReportFormat('csv')).toBe('csv');
    expect(parseReportFormat('xlsx')).toBe('xlsx');
    for (const bad of [undefined, 'pdf', 'XLSX', ['csv']]) {
      expect(() => parseReportFormat(bad)).toThrow(expect.objectContaining({ status: 400, errors: { format: [expect.any(String)] } }));
    }
  });
});

import type { FunderReportResponse } from '@lantern/contracts';
import { act, renderHook } from '@testing-library/react';
import type { FormEvent } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../providers/http';
import { useReportForm } from './use-report-form';

const mocks = vi.hoisted(() => ({ fetchReport: vi.fn(), downloadHmisCsv: vi.fn(), notify: vi.fn() }));
vi.mock('./reports-api', async (importOriginal) => ({ ...(await importOriginal<typeof import('./reports-api')>()), fetchReport: mocks.fetchReport, downloadHmisCsv: mocks.downloadHmisCsv }));
vi.mock('react-admin', async (importOriginal) => ({ ...(await importOriginal<typeof import('react-admin')>()), useNotify: () => mocks.notify }));

const report = (kind: FunderReportResponse['kind']): FunderReportResponse => ({
  kind,
  title: 'Report',
  organizationName: 'Harbor House',
  from: '2026-07-01',
  to: '2026-09-30',
  generatedAt: '2026-11-20T10:00:00.000Z',
  empty: false,
  message: null,
  tables: [],
});
const refused = (fieldErrors: Record<string, string[]>) => new ApiError('refused', 400, { code: 'VALIDATION_FAILED', message: 'The report was refused', fieldErrors } as never);
const submitted = { preventDefault: vi.fn() } as unknown as FormEvent;

beforeEach(() => {
  // Only the date is faked (the clock): the period starts on the quarter before this one.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-20T10:00:00Z'));
  mocks.fetchReport.mockReset();
  mocks.downloadHmisCsv.mockReset();
  mocks.notify.mockReset();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useReportForm: the funder report asked for (docs/reports.md)', () => {
  it('starts on the trafficking-grant report of last quarter; the quarter buttons move the period', () => {
    const { result } = renderHook(() => useReportForm());
    expect(result.current).toMatchObject({ kind: 'trafficking_grant', custom: [], period: { from: '2026-07-01', to: '2026-09-30' }, shown: null, error: null, busy: false });
    act(() => result.current.quarter(0)());
    expect(result.current.period).toEqual({ from: '2026-10-01', to: '2026-12-31' });
  });

  it('shows the report asked for, with its custom section; a caseload report sends none', async () => {
    mocks.fetchReport.mockResolvedValueOnce(report('trafficking_grant'));
    const { result } = renderHook(() => useReportForm());
    act(() => result.current.setCustom(['intake.housing', 'case.language']));
    await act(() => result.current.submit(submitted));
    expect(mocks.fetchReport).toHaveBeenLastCalledWith({ kind: 'trafficking_grant', from: '2026-07-01', to: '2026-09-30', custom: ['intake.housing', 'case.language'] });
    expect(result.current.shown).toEqual({ report: report('trafficking_grant'), request: { kind: 'trafficking_grant', from: '2026-07-01', to: '2026-09-30', custom: ['intake.housing', 'case.language'] } });

    mocks.fetchReport.mockResolvedValueOnce(report('caseload'));
    act(() => result.current.setKind('caseload'));
    await act(() => result.current.submit(submitted));
    expect(mocks.fetchReport).toHaveBeenLastCalledWith({ kind: 'caseload', from: '2026-07-01', to: '2026-09-30' });
    expect(result.current.shown?.request).toEqual({ kind: 'caseload', from: '2026-07-01', to: '2026-09-30' });
    expect(result.current.busy).toBe(false);
  });

  it('a refused period names its field and hides the report shown before', async () => {
    mocks.fetchReport.mockResolvedValueOnce(report('trafficking_grant'));
    const { result } = renderHook(() => useReportForm());
    await act(() => result.current.submit(submitted));
    expect(result.current.shown).not.toBeNull();
    mocks.fetchReport.mockRejectedValueOnce(refused({ to: ['must be on or after from', 'must be a date'] }));
    act(() => result.current.setPeriod({ from: '2026-09-30', to: '2026-07-01' }));
    await act(() => result.current.submit(submitted));
    expect(result.current.shown).toBeNull();
    expect(result.current.fieldError('to')).toBe('must be on or after from; must be a date');
    expect(result.current.fieldError('from')).toBeUndefined();
    expect(result.current.busy).toBe(false);
  });

  it('downloads the HMIS CSV of the period and says its name; a refusal is kept, nothing is said', async () => {
    mocks.downloadHmisCsv.mockResolvedValueOnce('hmis-csv-fy2024-2026-07-01-2026-09-30.zip');
    const { result } = renderHook(() => useReportForm());
    await act(() => result.current.hmis());
    expect(mocks.downloadHmisCsv).toHaveBeenCalledWith({ from: '2026-07-01', to: '2026-09-30' });
    expect(mocks.notify).toHaveBeenCalledWith('lantern.reports.downloaded', { type: 'success', messageArgs: { filename: 'hmis-csv-fy2024-2026-07-01-2026-09-30.zip' } });

    mocks.notify.mockReset();
    mocks.downloadHmisCsv.mockRejectedValueOnce(new ApiError('Nothing happened in this period', 422, { code: 'REPORT_PERIOD_EMPTY', message: 'Nothing happened in this period', fieldErrors: {} } as never));
    await act(() => result.current.hmis());
    expect(result.current.error?.message).toBe('Nothing happened in this period');
    expect(mocks.notify).not.toHaveBeenCalled();
    expect(result.current.busy).toBe(false);
  });
});

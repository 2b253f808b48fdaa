import type { ImportRunResponse } from '@lantern/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../providers/http';
import { useImportRunSteps } from './use-import-run-steps';

const mocks = vi.hoisted(() => ({ api: vi.fn(), notify: vi.fn() }));
vi.mock('react-admin', async (importOriginal) => ({
  ...(await importOriginal<typeof import('react-admin')>()),
  useNotify: () => mocks.notify,
}));
vi.mock('../providers/http', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../providers/http')>()),
  api: mocks.api,
}));

const RUN_ID = '5d0c3a1e-0000-4000-8000-000000000001';
const run = (over: Partial<ImportRunResponse> = {}): ImportRunResponse => ({
  id: RUN_ID,
  status: 'uploaded',
  format: 'csv',
  rowCount: 40,
  processed: 0,
  imported: 0,
  skipped: 0,
  failed: 0,
  hasFailures: false,
  startedAt: null,
  finishedAt: null,
  createdAt: '2026-12-05T09:00:00.000Z',
  createdBy: 'admin-1',
  version: 3,
  header: ['Record No', 'Full name', 'Shoe size', 'Gender'],
  mapping: null,
  dryRun: null,
  ...over,
});
const refused = (code: string, fieldErrors: Record<string, string[]> = {}) => new ApiError('refused', code === 'AUTH_STEP_UP_REQUIRED' ? 401 : 400, { code, message: 'refused', fieldErrors } as never);

function setup(initial: ImportRunResponse = run()) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const invalidated = vi.spyOn(queryClient, 'invalidateQueries');
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
  return { ...renderHook((props: { run: ImportRunResponse }) => useImportRunSteps(props.run), { wrapper, initialProps: { run: initial } }), invalidated };
}

beforeEach(() => {
  mocks.api.mockReset();
  mocks.notify.mockReset();
});

describe('useImportRunSteps: one import run, mapping then dry run then import (docs/imports.md)', () => {
  it('starts from the suggested fields of a new sheet, a column it cannot place skipped', () => {
    const { result } = setup();
    expect(result.current.draft).toEqual({
      columns: { 'Record No': 'importKey', 'Full name': 'legalName', 'Shoe size': '', Gender: 'gender' },
      values: {},
      dateFormat: 'YYYY-MM-DD',
      defaultCaseworkerId: '',
    });
  });

  it('starts from the mapping the run already has, not the suggestions', () => {
    const mapping = { columns: { 'Full name': 'alias' as const }, values: { gender: { F: 'woman' } }, dateFormat: 'DD/MM/YYYY' as const, defaultCaseworkerId: 'u-7' };
    const { result } = setup(run({ mapping }));
    expect(result.current.draft).toEqual({ columns: { 'Record No': '', 'Full name': 'alias', 'Shoe size': '', Gender: '' }, values: mapping.values, dateFormat: 'DD/MM/YYYY', defaultCaseworkerId: 'u-7' });
  });

  it('check saves the mapping without its skipped columns, at the run’s version, then starts the dry run of the run it returns', async () => {
    mocks.api.mockResolvedValueOnce(run({ version: 4 })).mockResolvedValueOnce(run({ status: 'checking', version: 5 }));
    const { result, invalidated } = setup();
    await act(() => result.current.check());
    expect(mocks.api).toHaveBeenNthCalledWith(1, `/imports/${RUN_ID}/mapping`, {
      method: 'PUT',
      body: { version: 3, mapping: { columns: { 'Record No': 'importKey', 'Full name': 'legalName', Gender: 'gender' }, values: {}, dateFormat: 'YYYY-MM-DD', defaultCaseworkerId: null } },
    });
    expect(mocks.api).toHaveBeenNthCalledWith(2, `/imports/${RUN_ID}/dry-run`, { method: 'POST', body: {} });
    expect(invalidated).toHaveBeenCalledWith({ queryKey: ['imports'] });
    expect(result.current).toMatchObject({ errors: {}, busy: false });
    expect(mocks.notify).not.toHaveBeenCalled();
  });

  it('a refused mapping names its fields, says so, and starts no dry run', async () => {
    mocks.api.mockRejectedValueOnce(refused('VALIDATION_FAILED', { 'mapping.dateFormat': ['must be one of', 'the formats'] }));
    const { result } = setup();
    act(() => result.current.setDraft((d) => ({ ...d, defaultCaseworkerId: 'u-9' })));
    await act(() => result.current.check());
    expect(mocks.api).toHaveBeenCalledTimes(1);
    expect(result.current.errors).toEqual({ 'mapping.dateFormat': 'must be one of the formats' });
    expect(result.current.draft.defaultCaseworkerId).toBe('u-9');
    expect(mocks.notify).toHaveBeenCalledWith('refused', { type: 'error' });
    expect(result.current.busy).toBe(false);
  });

  it('start asks for the import; a password asked again is left to the step-up dialog, any other refusal is said', async () => {
    mocks.api.mockRejectedValueOnce(refused('AUTH_STEP_UP_REQUIRED'));
    const { result } = setup(run({ status: 'checked' }));
    await act(() => result.current.start());
    expect(mocks.api).toHaveBeenCalledWith(`/imports/${RUN_ID}/start`, { method: 'POST', body: {}, stepUp: true });
    expect(mocks.notify).not.toHaveBeenCalled();
    mocks.api.mockRejectedValueOnce(refused('IMPORT_NOT_READY'));
    await act(() => result.current.start());
    expect(mocks.notify).toHaveBeenCalledWith('refused', { type: 'error' });
  });

  it('is busy while the API works on the run, and while a request is on its way', async () => {
    const { result, rerender } = setup(run({ status: 'checked' }));
    expect(result.current.busy).toBe(false);
    let answer: (value: unknown) => void = () => undefined;
    mocks.api.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    let started: Promise<void> = Promise.resolve();
    act(() => {
      started = result.current.start();
    });
    expect(result.current.busy).toBe(true);
    await act(async () => {
      answer(run({ status: 'queued' }));
      await started;
    });
    expect(result.current.busy).toBe(false);
    rerender({ run: run({ status: 'running' }) });
    expect(result.current.busy).toBe(true);
  });
});

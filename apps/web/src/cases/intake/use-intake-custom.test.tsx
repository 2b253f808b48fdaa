import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { customField as field } from '../../custom-fields/field-fixture';
import { useIntakeCustom } from './use-intake-custom';

const mocks = vi.hoisted(() => ({ newRecordCustom: vi.fn(), getOne: vi.fn() }));
vi.mock('react-admin', async (importOriginal) => ({
  ...(await importOriginal<typeof import('react-admin')>()),
  useDataProvider: () => ({ newRecordCustom: mocks.newRecordCustom }),
  useGetOne: (_resource: string, params: { id: string }, options: { enabled: boolean }) => ({ data: options.enabled ? mocks.getOne(params.id) : undefined }),
  useLocaleState: () => ['en', () => undefined],
}));

function Wrapper({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>{children}</QueryClientProvider>;
}

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe("an intake's custom values (useIntakeCustom)", () => {
  it('before the first save: the fields her role may give a new intake, and the first save sends only the values given', async () => {
    mocks.newRecordCustom.mockResolvedValue({ entity: 'intake', fields: [field('hours', { type: 'number' }), field('employer'), field('sector', { required: true })] });
    const { result } = renderHook(() => useIntakeCustom(undefined, true), { wrapper: Wrapper });
    await waitFor(() => expect(result.current.fields.map((f) => f.key)).toEqual(['hours', 'employer', 'sector']));
    expect(mocks.newRecordCustom).toHaveBeenCalledWith('intake');
    expect(mocks.getOne).not.toHaveBeenCalled();
    expect(result.current.first({ hours: 0, employer: '', sector: null, stray: 'x' })).toEqual({ hours: 0 });
    expect(result.current.first(undefined)).toBeUndefined();
    expect(result.current.label('employer')).toBe('employer');
  });

  it("once the intake exists (a draft or an amendment): its own fields, writable ones asked, and its values as the baseline", async () => {
    mocks.getOne.mockReturnValue({ id: 'i1', entity: 'intake', version: 3, values: { hours: 40 }, fields: [field('hours', { type: 'number' }), field('note', { writable: false }), field('old', { retired: true })] });
    const { result } = renderHook(() => useIntakeCustom('i1', true), { wrapper: Wrapper });
    await waitFor(() => expect(result.current.base()).toEqual({ hours: 40 }));
    expect(mocks.newRecordCustom).not.toHaveBeenCalled();
    expect(result.current.fields.map((f) => f.key)).toEqual(['hours']);
    expect(result.current.all.map((f) => f.key)).toEqual(['hours', 'note', 'old']);
    result.current.saved({ hours: 50 });
    expect(result.current.base()).toEqual({ hours: 50 });
  });

  it('values read already (an amendment opened from the intake page) are the baseline from the first render: nothing shows as a change meanwhile', () => {
    mocks.getOne.mockReturnValue({ id: 'i1', entity: 'intake', version: 3, values: { hours: 40 }, fields: [field('hours', { type: 'number' })] });
    const seen: Record<string, unknown>[] = [];
    renderHook(
      () => {
        const custom = useIntakeCustom('i1', true);
        seen.push(custom.base());
        return custom;
      },
      { wrapper: Wrapper },
    );
    expect(seen[0]).toEqual({ hours: 40 });
  });

  it('asks for nothing when not enabled', () => {
    const { result } = renderHook(() => useIntakeCustom(undefined, false), { wrapper: Wrapper });
    expect(mocks.newRecordCustom).not.toHaveBeenCalled();
    expect(result.current.fields).toEqual([]);
  });
});

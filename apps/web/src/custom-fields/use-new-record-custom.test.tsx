import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { customField } from './field-fixture';
import { customBody, useNewRecordCustom, withoutEmptyCustom } from './use-new-record-custom';

const mocks = vi.hoisted(() => ({ newRecordCustom: vi.fn() }));
vi.mock('react-admin', async (importOriginal) => ({
  ...(await importOriginal<typeof import('react-admin')>()),
  useDataProvider: () => ({ newRecordCustom: mocks.newRecordCustom }),
}));

const field = customField;

const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>{children}</QueryClientProvider>;

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe("a new record's custom fields (useNewRecordCustom)", () => {
  it("asks the API for the form's fields her role may write, and sends only the values given", async () => {
    mocks.newRecordCustom.mockResolvedValue({ entity: 'goal', fields: [field('why', { required: true }), field('hours', { type: 'number' }), field('tags', { type: 'multipleChoice' })] });
    const { result } = renderHook(() => useNewRecordCustom('goal'), { wrapper });
    await waitFor(() => expect(result.current.fields.map((f) => f.key)).toEqual(['why', 'hours', 'tags']));
    expect(mocks.newRecordCustom).toHaveBeenCalledWith('goal');
    expect(result.current.body()).toBeUndefined();
    act(() => result.current.change('why', 'She chose it'));
    act(() => result.current.change('hours', 0));
    act(() => result.current.change('tags', []));
    expect(result.current.body()).toEqual({ why: 'She chose it', hours: 0 });
    act(() => result.current.change('why', ''));
    expect(result.current.body()).toEqual({ hours: 0 });
  });

  it('asks for nothing when the dialog edits a record (its values change under "More details")', () => {
    const { result } = renderHook(() => useNewRecordCustom('referral', false), { wrapper });
    expect(mocks.newRecordCustom).not.toHaveBeenCalled();
    expect(result.current.fields).toEqual([]);
  });

  it('leaves out keys of no field of the form and empty values', () => {
    expect(customBody([field('a'), field('b', { type: 'yesNo' })], { a: null, b: false, stray: 'x' })).toEqual({ b: false });
    expect(customBody([field('a')], { a: '' })).toBeUndefined();
  });

  it("sends a react-admin form's custom without its empty values, and none when all are empty (the survivor and contact forms)", () => {
    const given: Record<string, unknown> = { alias: 'Blue Heron', custom: { interviewLanguage: 'Tigrinya', guardianKnown: null, schools: [], note: '', safe: false } };
    withoutEmptyCustom(given);
    expect(given).toEqual({ alias: 'Blue Heron', custom: { interviewLanguage: 'Tigrinya', safe: false } });
    const none: Record<string, unknown> = { alias: 'Blue Heron', custom: { guardianKnown: null } };
    withoutEmptyCustom(none);
    expect(none).toEqual({ alias: 'Blue Heron' });
  });
});

import type { CustomFieldResponse } from '@lantern/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useImportCustomTargets } from './use-import-custom-targets';

const mocks = vi.hoisted(() => ({ getList: vi.fn() }));
vi.mock('react-admin', async (importOriginal) => ({
  ...(await importOriginal<typeof import('react-admin')>()),
  useDataProvider: () => ({ getList: mocks.getList }),
  useTranslate: () => (key: string, args?: Record<string, string>) => `${key.split('.').pop()}:${args?.label ?? args?.name ?? ''}`,
  useLocaleState: () => ['en', () => undefined],
}));

const definition = (entity: string, key: string, extra: Partial<CustomFieldResponse> = {}) =>
  ({ id: key, entity, key, type: 'shortText', label: { en: `${key} label` }, writeRoles: ['caseworker'], readRoles: ['caseworker'], required: false, retiredAt: null, ...extra }) as CustomFieldResponse;

const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>{children}</QueryClientProvider>;

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe('the custom fields a spreadsheet import may fill (useImportCustomTargets)', () => {
  it("offers the survivor's and the case's fields caseworkers write, not a person or one they do not write; a survivor's required one says so", async () => {
    mocks.getList.mockImplementation((_resource: string, params: { filter: { entity: string } }) =>
      Promise.resolve({
        data:
          params.filter.entity === 'survivor'
            ? [definition('survivor', 'firstLanguage', { required: true }), definition('survivor', 'guardian', { type: 'person' }), definition('survivor', 'coordinatorFlag', { writeRoles: ['coordinator'] })]
            : [definition('case', 'industry', { required: true })],
        total: 1,
      }),
    );
    const { result } = renderHook(() => useImportCustomTargets(), { wrapper });
    await waitFor(() => expect(result.current.choices).toHaveLength(2));
    expect(result.current.choices).toEqual([
      { id: 'custom.survivor.firstLanguage', name: 'required:survivor:firstLanguage label' },
      { id: 'custom.case.industry', name: 'case:industry label' },
    ]);
    expect(mocks.getList.mock.calls.map((call) => call[1].filter)).toEqual([
      { entity: 'survivor', retired: false },
      { entity: 'case', retired: false },
    ]);
  });

  it('offers nothing while the definitions load, or when they cannot be read', async () => {
    mocks.getList.mockRejectedValue(new Error('403'));
    const { result } = renderHook(() => useImportCustomTargets(), { wrapper });
    expect(result.current.choices).toEqual([]);
    await waitFor(() => expect(mocks.getList).toHaveBeenCalled());
    expect(result.current.choices).toEqual([]);
  });
});

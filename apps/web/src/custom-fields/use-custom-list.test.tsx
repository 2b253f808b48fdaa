import type { ReadableCustomFieldResponse } from '@lantern/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LightShell } from '../boot/SignInShell';
import { useCustomList } from './use-custom-list';

const mocks = vi.hoisted(() => ({ api: vi.fn() }));
vi.mock('../providers/http', async (importOriginal) => ({ ...(await importOriginal<typeof import('../providers/http')>()), api: mocks.api }));

const hours: ReadableCustomFieldResponse = { id: 'f1', key: 'hours', type: 'number', label: { en: 'Hours' }, help: null, options: [], pii: false, min: null, max: null, filterable: true, sortable: true };
const story: ReadableCustomFieldResponse = { ...hours, id: 'f2', key: 'story', type: 'shortText', pii: true, filterable: false, sortable: false };
const wrapper = ({ children }: { children: ReactNode }) => (
  <QueryClientProvider client={new QueryClient()}>
    <LightShell>{children}</LightShell>
  </QueryClientProvider>
);
const sources = (elements: ReactElement[]) => elements.map((e) => (e.props as { source: string }).source);

afterEach(cleanup);

describe('useCustomList', () => {
  it("gives a list its form's columns (hidden), filters and chooser: react-admin's on a table, the menu on cards", async () => {
    mocks.api.mockResolvedValue([hours, story]);
    const table = renderHook(() => useCustomList('contact', { storeKey: 'contacts.datatable', enabled: true, phone: false }), { wrapper });
    await waitFor(() => expect(sources(table.result.current.columns)).toEqual(['custom.hours', 'custom.story']));
    expect(mocks.api).toHaveBeenCalledWith('/custom-fields/readable?entity=contact');
    expect(table.result.current.hiddenColumns).toEqual(['custom.hours', 'custom.story']);
    // The PII text field is a column, never a filter.
    expect(sources(table.result.current.filters)).toEqual(['custom.hours_gte', 'custom.hours_lte']);
    expect(((table.result.current.chooser as ReactElement).type as { name?: string }).name).toMatch(/ColumnsButton/);
    const cards = renderHook(() => useCustomList('contact', { storeKey: 'contacts.datatable', enabled: true, phone: true }), { wrapper });
    await waitFor(() => expect(((cards.result.current.chooser as ReactElement | null)?.type as { name?: string } | undefined)?.name).toBe('CustomColumnsMenu'));
  });

  it('asks nothing and offers nothing when disabled', () => {
    mocks.api.mockClear();
    const { result } = renderHook(() => useCustomList('contact', { storeKey: 'contacts.datatable', enabled: false, phone: false }), { wrapper });
    expect([result.current.columns, result.current.filters, result.current.chooser]).toEqual([[], [], null]);
    expect(mocks.api).not.toHaveBeenCalled();
  });
});

import type { ReadableCustomFieldResponse } from '@lantern/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { RecordContextProvider, type TranslateFunction } from 'react-admin';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LightShell } from '../boot/SignInShell';
import { store } from '../providers/store';
import { ApiError } from '../providers/http';
import { CustomCardValues, CustomColumnsMenu } from './CustomColumnsMenu';
import { customHiddenColumns, customListColumns, customListFilters, useCustomListError } from './custom-list';
import { flatCustomFilter } from './custom-list-filter';
import { useReadableFields } from './use-readable-fields';

const mocks = vi.hoisted(() => ({ api: vi.fn(), notify: vi.fn() }));
vi.mock('../providers/http', async (importOriginal) => ({ ...(await importOriginal<typeof import('../providers/http')>()), api: mocks.api }));
vi.mock('react-admin', async (importOriginal) => ({ ...(await importOriginal<typeof import('react-admin')>()), useNotify: () => mocks.notify }));

const field = (key: string, extra: Partial<ReadableCustomFieldResponse> = {}): ReadableCustomFieldResponse => ({
  id: `id-${key}`,
  key,
  type: 'yesNo',
  label: { en: key, es: `${key} (es)` },
  help: null,
  options: [],
  pii: false,
  min: null,
  max: null,
  filterable: true,
  sortable: false,
  ...extra,
});
const industry = field('industry', {
  type: 'singleChoice',
  options: [
    { id: 'o1', label: { en: 'Farm' }, retired: false },
    { id: 'o2', label: { en: 'Mine' }, retired: true },
  ],
});
const hours = field('hours', { type: 'number', sortable: true });
const text = (label: { en: string }) => label.en;
const translate = ((key: string, args?: Record<string, unknown>) => `${key}${args ? JSON.stringify(args) : ''}`) as TranslateFunction;
const props = (element: ReactElement) => element.props as Record<string, unknown>;

afterEach(() => {
  cleanup();
  store.reset();
});

describe('custom list filters', () => {
  it('sends react-admin nested custom filters as the flat custom.<key> names the API takes, emptied ones dropped', () => {
    expect(flatCustomFilter({ status: 'open', custom: { industry: 'o1', hours_gte: 40, hasId: false, controls: [], arrived_lte: '' } })).toEqual({
      status: 'open',
      'custom.industry': 'o1',
      'custom.hours_gte': 40,
      'custom.hasId': false,
    });
    expect(flatCustomFilter({ status: 'open' })).toEqual({ status: 'open' });
    expect(flatCustomFilter(undefined)).toEqual({});
  });

  it('offers a filter by type, retired options marked, only for the fields the API filters on', () => {
    const filters = customListFilters(
      [industry, field('controls', { type: 'multipleChoice', options: industry.options }), field('hasId'), hours, field('arrived', { type: 'date', sortable: true }), field('story', { type: 'shortText', pii: true, filterable: false })],
      text,
      translate,
    );
    expect(filters.map((f) => props(f).source)).toEqual(['custom.industry', 'custom.controls', 'custom.hasId', 'custom.hours_gte', 'custom.hours_lte', 'custom.arrived_gte', 'custom.arrived_lte']);
    expect(props(filters[0]!).choices).toEqual([
      { id: 'o1', name: 'Farm' },
      { id: 'o2', name: 'lantern.customList.retiredOption{"option":"Mine"}' },
    ]);
    expect((filters[1]!.type as { name?: string }).name).toMatch(/SelectArrayInput/);
    // Yes and no travel as booleans, not as the select's strings.
    const yesNo = props(filters[2]!) as { parse: (v: unknown) => unknown; format: (v: unknown) => unknown };
    expect([yesNo.parse('true'), yesNo.parse('false'), yesNo.parse('')]).toEqual([true, false, undefined]);
    expect([yesNo.format(false), yesNo.format(undefined)]).toEqual(['false', '']);
    expect(props(filters[3]!).label).toBe('lantern.customList.from{"field":"hours"}');
  });

  it('adds a column per field, hidden until chosen; only number and date columns sort', () => {
    expect(customHiddenColumns([industry, hours])).toEqual(['custom.industry', 'custom.hours']);
    const columns = customListColumns([industry, hours], text);
    expect(columns.map((c) => [props(c).source, props(c).label, props(c).disableSort])).toEqual([
      ['custom.industry', 'industry', true],
      ['custom.hours', 'hours', false],
    ]);
  });

  it("tells a refused custom filter by its field's label, anything else by the API's sentence", () => {
    const { result } = renderHook(() => useCustomListError([industry], text), { wrapper: LightShell });
    result.current(new ApiError('Validation failed', 400, { message: 'Validation failed', fieldErrors: { 'filter.custom.industry[1]': ['is not an option of this field'] } }));
    expect(mocks.notify).toHaveBeenLastCalledWith('lantern.customList.refused', { type: 'error', messageArgs: { field: 'industry' } });
    result.current(new ApiError('Something else', 500, { message: 'Something else', fieldErrors: {} }));
    expect(mocks.notify).toHaveBeenLastCalledWith('Something else', { type: 'error' });
  });
});

describe('custom columns on cards', () => {
  it('shows the values of the columns turned on in the shared store key, and the menu turns them on', async () => {
    render(
      <LightShell>
        <CustomColumnsMenu storeKey="cases.datatable" fields={[industry, hours]} />
        <RecordContextProvider value={{ id: 'c1', custom: { industry: 'o2', hours: 72 } }}>
          <CustomCardValues storeKey="cases.datatable" fields={[industry, hours]} />
        </RecordContextProvider>
      </LightShell>,
    );
    // Hidden by default.
    expect(screen.queryByText(/Mine/)).toBeNull();
    fireEvent.click(screen.getByRole('button'));
    await act(async () => fireEvent.click(await screen.findByRole('menuitemcheckbox', { name: 'industry' })));
    await waitFor(() => expect(screen.getByText(/industry:/).textContent).toBe('industry: Mine'));
    expect(screen.queryByText(/hours:/)).toBeNull();
    expect(store.getItem('cases.datatable')).toEqual(['custom.hours']);
  });
});

describe('useReadableFields', () => {
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={new QueryClient()}>{children}</QueryClientProvider>;

  it("asks for the form's readable fields, and asks nothing when disabled", async () => {
    mocks.api.mockResolvedValue([industry]);
    const { result } = renderHook(() => useReadableFields('case'), { wrapper });
    await waitFor(() => expect(result.current.fields).toEqual([industry]));
    expect(mocks.api).toHaveBeenCalledWith('/custom-fields/readable?entity=case');
    mocks.api.mockClear();
    const off = renderHook(() => useReadableFields('referral', false), { wrapper });
    expect(off.result.current).toEqual({ fields: [], isPending: false });
    expect(mocks.api).not.toHaveBeenCalled();
  });
});

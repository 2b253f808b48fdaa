import type { CustomValueField, CustomValuesResponse } from '@lantern/contracts';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LightShell } from '../boot/SignInShell';
import { CustomValuesPanel } from './CustomValuesPanel';
import { customField } from './field-fixture';

const mocks = vi.hoisted(() => ({ getOne: vi.fn(), update: vi.fn(), notify: vi.fn(), refresh: vi.fn() }));
vi.mock('react-admin', async (importOriginal) => ({
  ...(await importOriginal<typeof import('react-admin')>()),
  useGetOne: (resource: string, params: { id: string }) => mocks.getOne(resource, params),
  useDataProvider: () => ({ update: mocks.update }),
  useNotify: () => mocks.notify,
  useRefresh: () => mocks.refresh,
}));

const field = (key: string, label: string, extra: Partial<CustomValueField> = {}): CustomValueField =>
  customField(key, { type: 'number', label: { en: label, es: `${label} (es)` }, ...extra });
const answer = (fields: CustomValueField[], values: Record<string, unknown> = {}): { data: CustomValuesResponse; isPending: false; error: null } => ({
  data: { id: 'g1', entity: 'goal', version: 4, values, fields } as CustomValuesResponse,
  isPending: false,
  error: null,
});

const renderPanel = (props: Partial<Parameters<typeof CustomValuesPanel>[0]> = {}) =>
  render(
    <LightShell>
      <CustomValuesPanel resource="custom-values/goal" recordId="g1" editable {...props} />
    </LightShell>,
  );

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe('"More details" on any record (CustomValuesPanel)', () => {
  it("reads the record's values through its own route and shows only what the API sent", () => {
    mocks.getOne.mockReturnValue(answer([field('trainingHours', 'Training hours')], { trainingHours: 12 }));
    renderPanel({ resource: 'custom-values/outcome-assessment', recordId: 'o1' });
    expect(mocks.getOne).toHaveBeenCalledWith('custom-values/outcome-assessment', { id: 'o1' });
    const panel = screen.getByRole('region', { name: 'More details' });
    expect(panel.textContent).toContain('Training hours');
    expect(panel.textContent).toContain('12');
  });

  it('offers Edit only on a record that may change and with a field the role may write', () => {
    mocks.getOne.mockReturnValue(answer([field('trainingHours', 'Training hours', { writable: false })]));
    renderPanel();
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    cleanup();
    mocks.getOne.mockReturnValue(answer([field('trainingHours', 'Training hours')]));
    renderPanel({ editable: false });
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    cleanup();
    renderPanel();
    expect(screen.getByRole('button', { name: 'Edit' })).toBeTruthy();
  });

  it('as a section inside another card, is left out while loading and when there is nothing the reader may read', () => {
    mocks.getOne.mockReturnValue({ data: undefined, isPending: true, error: null });
    const { container } = renderPanel({ variant: 'section', hideWhenEmpty: true });
    expect(container.querySelector('[data-testid="custom-values-panel"]')).toBeNull();
    cleanup();
    mocks.getOne.mockReturnValue(answer([]));
    const again = renderPanel({ variant: 'section', hideWhenEmpty: true });
    expect(again.container.querySelector('[data-testid="custom-values-panel"]')).toBeNull();
  });

  it('names the record it belongs to where several are on a page, and sends only the values changed', async () => {
    mocks.getOne.mockReturnValue(answer([field('trainingHours', 'Training hours'), field('mentorVisits', 'Mentor visits')], { trainingHours: 12, mentorVisits: 2 }));
    mocks.update.mockResolvedValue({ data: {} });
    renderPanel({ variant: 'section', subject: 'A job' });
    expect(screen.getByRole('region', { name: 'More details: A job' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Change the details of A job' }));
    expect(await screen.findByRole('dialog', { name: 'Change the details: A job' })).toBeTruthy();
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Training hours' }), { target: { value: '20' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(mocks.update).toHaveBeenCalled());
    expect(mocks.update).toHaveBeenCalledWith('custom-values/goal', expect.objectContaining({ id: 'g1', data: { values: { trainingHours: 20 } } }));
    expect(mocks.refresh).toHaveBeenCalled();
  });
});

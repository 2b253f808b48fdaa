import type { ReportTableResponse } from '@lantern/contracts';
import { describe, expect, it } from 'vitest';
import { chartColumn, columnLabel, figure, quarterPeriod, rowLabel, shownRows, tableTitle } from './report-labels';

const table = (id: ReportTableResponse['id'], columns: string[], rows: ReportTableResponse['rows']): ReportTableResponse => ({
  id,
  title: id,
  unit: 'people',
  columns,
  columnLabels: columns,
  rows,
  total: null,
});

describe('funder reports on screen (issue 16)', () => {
  it('names rows from their vocabulary, caseworkers by the name the API sent', () => {
    expect(rowLabel({ id: 'gender' }, { key: 'TransgenderFeminine', label: 'x' })).toBe('Transgender woman');
    expect(rowLabel({ id: 'gender' }, { key: 'not_recorded', label: 'x' })).toBe('Not recorded');
    expect(rowLabel({ id: 'services_by_pmt_service' }, { key: 'crisis_intervention', label: 'x' })).toBe('C1. Crisis intervention (in person, including safety planning)');
    expect(rowLabel({ id: 'referrals_out' }, { key: 'mental_health', label: 'x' })).toBe('Mental health');
    expect(rowLabel({ id: 'clients_served' }, { key: 'continuing', label: 'x' })).toBe('Continuing');
    expect(rowLabel({ id: 'caseload' }, { key: '6c0a-id', label: 'Ana Díaz' })).toBe('Ana Díaz');
    expect(rowLabel({ id: 'caseload' }, { key: 'unassigned', label: 'x' })).toBe('Not assigned');
    expect(rowLabel({ id: 'caseload' }, { key: 'program', label: 'x' })).toBe('Whole program');
    // Contacts before a case (issue 17): where they led, by channel.
    expect(rowLabel({ id: 'contacts' }, { key: 'converted', label: 'x' })).toBe('A new client');
    expect(rowLabel({ id: 'contacts' }, { key: 'contact_only', label: 'x' })).toBe('Contact only');
    expect(columnLabel('channel_walk_in')).toBe('Walk-in');
  });

  it('shows averages with one decimal and a missing figure as a dash', () => {
    expect(figure(3, 'avg_days_to_first_contact')).toBe('3.0');
    expect(figure(1234, 'people')).toBe('1,234');
    expect(figure(null, 'avg_days_to_first_referral')).toBe('—');
  });

  it('charts the total column where there is one; hides the OVC services nobody was given', () => {
    expect(chartColumn({ columns: ['awaiting_response', 'served', 'total'] })).toBe(2);
    expect(chartColumn({ columns: ['people'] })).toBe(0);
    const pmt = table('services_by_pmt_service', ['services', 'people'], [
      { key: 'crisis_intervention', label: '', values: [2, 1] },
      { key: 'support_group', label: '', values: [0, 0] },
    ]);
    expect(shownRows(pmt).map((r) => r.key)).toEqual(['crisis_intervention']);
    const gender = table('gender', ['people'], [{ key: 'Feminine', label: '', values: [0] }]);
    expect(shownRows(gender)).toHaveLength(1);
  });

  it('offers the calendar quarters in UTC', () => {
    expect(quarterPeriod(new Date('2026-05-15T12:00:00Z'), 0)).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(quarterPeriod(new Date('2026-05-15T12:00:00Z'), -1)).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(quarterPeriod(new Date('2026-02-01T00:00:00Z'), -1)).toEqual({ from: '2025-10-01', to: '2025-12-31' });
  });
});

describe("the custom section's words (issue 18)", () => {
  it("titles a custom table by its field's label and names options as the admin wrote them", () => {
    const table = { id: 'custom.case.industry' as const, title: 'Industry', customLabel: { en: 'Industry', es: 'Sector' } };
    expect(tableTitle(table)).toBe('Industry');
    expect(rowLabel(table, { key: '0b7c', label: 'Farm' })).toBe('Farm');
    expect(rowLabel(table, { key: 'yes', label: 'Yes' })).toBe('Yes');
    expect(rowLabel(table, { key: 'not_recorded', label: 'Not recorded' })).toBe('Not recorded');
  });
});

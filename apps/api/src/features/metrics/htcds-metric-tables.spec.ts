import { protectTables, type ProtectedTable } from '@lantern/anonymize';
import { METRIC_ROUNDING_BASE, METRIC_THRESHOLD, metricTable } from '@lantern/contracts';
import { exactTableOf } from './metrics.service.js';

/** Issue 17, part 2: the tables the HTCDS core of the intake allows, under the catalogue's k-mode rules. */
describe('metric tables of the HTCDS core', () => {
  const protect = (id: string, counts: Record<string, number>): ProtectedTable => {
    const [table] = protectTables([exactTableOf(metricTable(id), counts)], {
      period: '2026-Q2',
      mode: 'k',
      threshold: METRIC_THRESHOLD,
      roundingBase: METRIC_ROUNDING_BASE,
      publishGrandTotals: true,
    });
    return table!;
  };
  const published = (table: ProtectedTable) => Object.fromEntries(table.cells.filter((c) => c.dim2 === null || c.dim2 === '*').map((c) => [c.dim1, c.display]));
  const noSmallCell = (table: ProtectedTable) => {
    for (const cell of table.cells) if (cell.value !== null) expect([cell.dim1, cell.value >= METRIC_THRESHOLD || cell.value === 0]).toEqual([cell.dim1, true]);
  };

  it('by trafficking status: a handful of "not a victim" is never published as such', () => {
    const table = protect('intakes_by_trafficking_status', { actual: 42, possible: 27, not_a_victim: 3, unknown: 4 });
    noSmallCell(table);
    const shown = published(table);
    expect(shown.actual).toBe('40');
    expect(shown.possible).toBe('25');
    expect(shown.not_a_victim).toMatch(/^(<11|suppressed)$/);
    expect(JSON.stringify(table.cells)).not.toMatch(/"display":"[34]"/);
  });

  it('by age when trafficking began: small childhood bands merge into "minor" rather than vanish', () => {
    const table = protect('intakes_by_age_when_trafficked', { under_12: 6, '12_17': 9, '18_24': 31, '25_plus': 22, unknown: 14 });
    noSmallCell(table);
    const shown = published(table);
    expect(shown.minor).toBe('15');
    expect(shown.under_12).toBeUndefined();
    expect(shown['12_17']).toBeUndefined();
    expect(table.collapsed.join(' ')).toMatch(/under_12 \+ 12_17 → minor/);
  });

  it('by country of exploitation and by relationship: cells under the threshold are suppressed', () => {
    const country = protect('intakes_by_exploitation_country', { domestic: 55, foreign: 7, unknown: 2 });
    noSmallCell(country);
    expect(published(country).domestic).toBe('55');
    expect(published(country).foreign).toMatch(/^(<11|suppressed)$/);
    expect(published(country).unknown).toMatch(/^(<11|suppressed)$/);
    const relationship = protect('intakes_by_trafficker_relationship', { familial: 12, acquainted: 40, unacquainted: 5, unknown: 30 });
    noSmallCell(relationship);
    expect(published(relationship).acquainted).toBe('40');
    expect(JSON.stringify(relationship.cells)).not.toContain('"display":"5"');
  });
});

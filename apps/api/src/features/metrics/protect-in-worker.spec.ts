import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { getPriority } from 'node:os';
import { join } from 'node:path';
import { protectTables, selfCheck, type Dimension, type ExactTable } from '@lantern/anonymize';
import { protectOffThread } from './protect-in-worker.js';

const AGE: Dimension = { name: 'age_band', values: ['minor', '18_24', '25_34', '35_plus'], bands: { '18_24': '18_34', '25_34': '18_34' } };
const EXPLOITATION: Dimension = { name: 'exploitation', values: ['sexual', 'labour', 'other', 'unknown'] };
const exact: ExactTable[] = [
  { id: 'by_age', dimensions: [AGE], counts: { minor: 6, '18_24': 80, '25_34': 90, '35_plus': 74 }, marginGroup: 'opened' },
  {
    id: 'by_age_exploitation',
    dimensions: [AGE, EXPLOITATION],
    counts: { 'minor|sexual': 6, '18_24|sexual': 50, '18_24|labour': 30, '25_34|sexual': 60, '25_34|labour': 30, '35_plus|sexual': 40, '35_plus|labour': 30, '35_plus|other': 4 },
    marginGroup: 'opened',
  },
];
const KEY = new Uint8Array(32).fill(3);
// The worker imports the built library; jest maps @lantern/anonymize to its sources instead.
const built = existsSync(join(process.cwd(), 'libs/anonymize/dist/index.js'));

describe('the protection of a release, on a worker thread', () => {
  it.each(['k', 'noise'] as const)('gives exactly what the same functions give in the process (%s mode)', async (mode) => {
    const options = { period: '2026-Q2', mode, threshold: 11, roundingBase: 5, publishGrandTotals: true, ...(mode === 'noise' ? { epsilonPerTable: 0.5 } : {}) };
    const key = Buffer.from(KEY);
    const expected = protectTables(exact, {
      ...options,
      earlier: [],
      ...(mode === 'noise' ? { noiseKey: { hmac: (m: string) => new Uint8Array(createHmac('sha256', key).update(m).digest()) } } : {}),
    });
    let fellBack = false;
    const result = await protectOffThread({ exact, options, noiseKey: mode === 'noise' ? KEY : null, earlier: [], ledger: undefined, period: '2026-Q2' }, () => {
      fellBack = true;
    });
    expect(result.tables).toEqual(expected);
    expect(result.check).toEqual(selfCheck({ period: '2026-Q2', tables: expected }, []));
    // (Noise mode's check also wants the budget ledger, which this test does not give.)
    if (mode === 'k') expect(result.check.ok).toBe(true);
    // With the library built (as in CI), the work really left the main thread.
    expect(fellBack).toBe(!built);
  });

  it('runs the proof at nice 10 or lower priority, on its own thread only: the API keeps its priority', async () => {
    const before = getPriority();
    const result = await protectOffThread({ exact, options: { period: '2026-Q2', mode: 'k', threshold: 11, roundingBase: 5 }, noiseKey: null, earlier: [], ledger: undefined, period: '2026-Q2' });
    // Linux only: elsewhere a nice value is the whole process's, and the worker leaves it alone.
    if (!built) expect(result.nice).toBeUndefined();
    else if (process.platform === 'linux') expect(result.nice).toBeGreaterThanOrEqual(10);
    else expect(result.nice).toBe(before);
    expect(getPriority()).toBe(before);
  });

  it('passes a failure of the protection back as an error', async () => {
    const broken = [{ id: 'x', dimensions: [AGE], counts: null }] as unknown as ExactTable[];
    await expect(protectOffThread({ exact: broken, options: { period: '2026-Q2', mode: 'k' }, noiseKey: null, earlier: [], ledger: undefined, period: '2026-Q2' })).rejects.toThrow();
  });
});

import fc from 'fast-check';
import { BudgetExceededError, BudgetLedger } from './budget-ledger.js';
import { minPublished, publish, publishedInterval } from './rounding.js';

const P = { threshold: 11, base: 5 };

describe('threshold and rounding (rule 4)', () => {
  it('publishes 0–10 as nothing (zeros too) and ≥ 11 rounded to 5, never a value in 1–10', () => {
    for (let n = 0; n <= 10; n += 1) expect(publish(n, P)).toBeNull();
    expect([11, 12, 13, 17, 18, 22, 23, 100].map((n) => publish(n, P))).toEqual([15, 15, 15, 15, 20, 20, 25, 100]);
    expect(minPublished(P)).toBe(15);
  });

  it('the published interval holds exactly the counts that publish as that value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 11, max: 5000 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 2, max: 30 }), (count, base, threshold) => {
        const publication = { threshold, base };
        if (count < threshold) return;
        const value = publish(count, publication) as number;
        const { lo, hi } = publishedInterval(value, publication);
        expect(count).toBeGreaterThanOrEqual(lo);
        expect(count).toBeLessThanOrEqual(hi);
        expect(publish(lo, publication)).toBe(value);
        expect(publish(hi, publication)).toBe(value);
        if (lo > threshold) expect(publish(lo - 1, publication)).not.toBe(value);
        expect(publish(hi + 1, publication)).not.toBe(value);
      }),
    );
    expect(publishedInterval(15, P)).toEqual({ lo: 11, hi: 17 });
    expect(publishedInterval(40, P)).toEqual({ lo: 38, hi: 42 });
  });
});

describe('BudgetLedger (rule 7)', () => {
  it('accepts spends up to the yearly cap of 4 and refuses the one beyond, recording nothing', () => {
    const ledger = new BudgetLedger();
    for (let i = 0; i < 8; i += 1) ledger.spend(2026, 0.5);
    expect(ledger.spent(2026)).toBe(4);
    expect(ledger.canSpend(2026, 0.5)).toBe(false);
    expect(() => ledger.spend(2026, 0.5)).toThrow(BudgetExceededError);
    expect(ledger.spent(2026)).toBe(4);
    ledger.spend(2027, 4);
    expect(ledger.remaining(2027)).toBe(0);
  });

  it('does not drift past the cap through floating-point sums', () => {
    const ledger = new BudgetLedger({ cap: 4 });
    for (let i = 0; i < 40; i += 1) ledger.spend(2026, 0.1);
    expect(() => ledger.spend(2026, 0.000001)).toThrow(BudgetExceededError);
  });

  it('never lets the total of accepted spends pass the cap (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3_000_000 }), { maxLength: 30 }), (micro) => {
        const ledger = new BudgetLedger();
        let accepted = 0;
        for (const m of micro) {
          try {
            ledger.spend(2026, m / 1_000_000);
            accepted += m;
          } catch (error) {
            expect(error).toBeInstanceOf(BudgetExceededError);
          }
        }
        expect(accepted).toBeLessThanOrEqual(4_000_000);
        expect(Math.round(ledger.spent(2026) * 1_000_000)).toBe(accepted);
      }),
    );
  });

  it('restores from what it persisted', () => {
    const ledger = new BudgetLedger({ spent: { 2026: 3.5 } });
    expect(new BudgetLedger(ledger.toJSON()).canSpend(2026, 1)).toBe(false);
  });
});

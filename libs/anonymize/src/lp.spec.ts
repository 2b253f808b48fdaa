import fc from 'fast-check';
import { integerRange, type LinearConstraint, SimplexSession } from './lp.js';

/** Brute force over a small box: the exact integer range of variable 0. */
function bruteRange(n: number, constraints: readonly LinearConstraint[], box: number): { lo: number; hi: number } | null {
  let lo = Infinity;
  let hi = -Infinity;
  const x = new Array<number>(n).fill(0);
  const visit = (i: number): void => {
    if (i === n) {
      const ok = constraints.every((c) => {
        const s = c.terms.reduce((sum, [v, k]) => sum + k * (x[v] as number), 0);
        return (c.lo === undefined || s >= c.lo) && (c.hi === undefined || s <= c.hi);
      });
      if (ok) {
        lo = Math.min(lo, x[0] as number);
        hi = Math.max(hi, x[0] as number);
      }
      return;
    }
    for (let v = 0; v <= box; v += 1) {
      x[i] = v;
      visit(i + 1);
    }
  };
  visit(0);
  return lo === Infinity ? null : { lo, hi };
}

describe('exact simplex with branch and bound', () => {
  it('bounds a cell of a row with a published margin', () => {
    // x0 + x1 ∈ [13, 17], x1 ∈ [8, 12], x0 ≤ 10  →  x0 ∈ [1, 9]
    const constraints: LinearConstraint[] = [
      { terms: [[0, 1], [1, 1]], lo: 13, hi: 17 },
      { terms: [[1, 1]], lo: 8, hi: 12 },
      { terms: [[0, 1]], hi: 10 },
    ];
    expect(integerRange(new SimplexSession(2, constraints), 2, constraints, [[0, 1]])).toEqual({ lo: 1, hi: 9, exact: true });
  });

  it('reports an infeasible system and an unbounded maximum', () => {
    expect(new SimplexSession(1, [{ terms: [[0, 1]], lo: 5, hi: 3 }]).feasible).toBe(false);
    const constraints: LinearConstraint[] = [{ terms: [[0, 1], [1, -1]], lo: 0, hi: 0 }];
    expect(integerRange(new SimplexSession(2, constraints), 2, constraints, [[0, 1]])).toEqual({ lo: 0, hi: Infinity, exact: true });
  });

  it('finds the integer (not the fractional) optimum', () => {
    // 2·x0 = x1 + x2 with x1 + x2 = 3 has no integer solution; 2·x0 ≤ 3 gives x0 ≤ 1 (LP: 1.5).
    const constraints: LinearConstraint[] = [{ terms: [[0, 2]], hi: 3 }];
    expect(integerRange(new SimplexSession(1, constraints), 1, constraints, [[0, 1]])).toEqual({ lo: 0, hi: 1, exact: true });
  });

  it('matches brute force on random small systems (property)', () => {
    const term = fc.tuple(fc.integer({ min: 0, max: 2 }), fc.constantFrom(1, 1, 1, -1, 2));
    const constraint = fc.record({ terms: fc.array(term, { minLength: 1, maxLength: 3 }), lo: fc.integer({ min: -2, max: 8 }), width: fc.integer({ min: 0, max: 6 }) });
    fc.assert(
      fc.property(fc.array(constraint, { minLength: 1, maxLength: 5 }), (raw) => {
        const box = 8;
        // Keep the system inside the brute-force box.
        const constraints: LinearConstraint[] = [
          ...raw.map((c) => ({ terms: c.terms, lo: c.lo, hi: c.lo + c.width })),
          ...[0, 1, 2].map((v) => ({ terms: [[v, 1]] as const, hi: box })),
        ];
        const expected = bruteRange(3, constraints, box);
        const session = new SimplexSession(3, constraints);
        if (!session.feasible) {
          expect(expected).toBeNull();
          return;
        }
        const got = integerRange(session, 3, constraints, [[0, 1]]);
        if (expected === null) expect(got).toBeNull();
        else expect(got).toEqual({ ...expected, exact: true });
      }),
      { numRuns: 300 },
    );
  });
});

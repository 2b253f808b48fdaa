/**
 * A small exact linear-programming solver, so the self-check's bounds are proofs and not estimates.
 *
 * Two-phase primal simplex on a dense tableau with integer (Bareiss) pivoting over BigInt: every entry
 * stays an integer and the whole tableau shares one denominator, so there is no rounding anywhere.
 * Dantzig's entering rule, switching to Bland's rule after a run of degenerate pivots so it cannot cycle.
 * Integer bounds come from branch and bound on top of the LP relaxation (tables with their margins are
 * transportation problems, whose LP vertices are already integral, so branching is rare).
 *
 * Variables are non-negative; a constraint is lo ≤ Σ coef·x ≤ hi with integer data.
 */

export type Term = readonly [variable: number, coefficient: number];

export interface LinearConstraint {
  terms: readonly Term[];
  lo?: number;
  hi?: number;
}

type Row = bigint[];

type Solution = { kind: 'optimal'; numerator: bigint; denominator: bigint; point: { numerator: bigint; denominator: bigint }[] } | { kind: 'unbounded' };

const DEGENERATE_RUN_BEFORE_BLAND = 30;
const MAX_PIVOTS = 200_000;

function exactDivide(numerator: bigint, divisor: bigint): bigint {
  const q = numerator / divisor;
  if (q * divisor !== numerator) throw new Error('simplex: inexact integer pivot (internal error)');
  return q;
}

/** A feasible simplex tableau that can be re-optimized for several objectives in turn. */
export class SimplexSession {
  readonly feasible: boolean;
  private readonly rows: Row[] = [];
  private readonly basis: number[] = [];
  private readonly width: number; // columns without the right-hand side
  private readonly artificialFrom: number;
  private denominator = 1n;

  constructor(
    private readonly variableCount: number,
    constraints: readonly LinearConstraint[],
  ) {
    type Normal = { coefficients: bigint[]; op: 'le' | 'ge' | 'eq'; rhs: bigint };
    const normals: Normal[] = [];
    for (const constraint of constraints) {
      const coefficients = new Array<bigint>(variableCount).fill(0n);
      let allNonNegative = true;
      for (const [variable, coefficient] of constraint.terms) {
        if (!Number.isSafeInteger(coefficient)) throw new RangeError('simplex: coefficients must be integers');
        coefficients[variable] = (coefficients[variable] as bigint) + BigInt(coefficient);
        if (coefficient < 0) allNonNegative = false;
      }
      const { lo, hi } = constraint;
      for (const bound of [lo, hi]) {
        if (bound !== undefined && Number.isFinite(bound) && !Number.isSafeInteger(bound)) throw new RangeError('simplex: bounds must be integers');
      }
      const hasLo = lo !== undefined && Number.isFinite(lo) && !(allNonNegative && lo <= 0);
      const hasHi = hi !== undefined && Number.isFinite(hi);
      if (hasLo && hasHi && lo === hi) normals.push({ coefficients, op: 'eq', rhs: BigInt(lo) });
      else {
        if (hasHi) normals.push({ coefficients, op: 'le', rhs: BigInt(hi) });
        if (hasLo) normals.push({ coefficients: [...coefficients], op: 'ge', rhs: BigInt(lo as number) });
      }
    }
    for (const normal of normals) {
      if (normal.rhs < 0n) {
        normal.coefficients = normal.coefficients.map((c) => -c);
        normal.rhs = -normal.rhs;
        normal.op = normal.op === 'le' ? 'ge' : normal.op === 'ge' ? 'le' : 'eq';
      }
    }
    const slackCount = normals.filter((n) => n.op !== 'eq').length;
    const artificialCount = normals.filter((n) => n.op !== 'le').length;
    this.artificialFrom = variableCount + slackCount;
    this.width = this.artificialFrom + artificialCount;
    let slack = variableCount;
    let artificial = this.artificialFrom;
    for (const normal of normals) {
      const row = new Array<bigint>(this.width + 1).fill(0n);
      normal.coefficients.forEach((c, j) => (row[j] = c));
      row[this.width] = normal.rhs;
      if (normal.op === 'le') {
        row[slack] = 1n;
        this.basis.push(slack++);
      } else {
        if (normal.op === 'ge') row[slack++] = -1n;
        row[artificial] = 1n;
        this.basis.push(artificial++);
      }
      this.rows.push(row);
    }
    this.feasible = this.phaseOne();
  }

  private pivot(r: number, c: number, objective: Row): void {
    const pivotRow = this.rows[r] as Row;
    let p = pivotRow[c] as bigint;
    if (p < 0n) {
      // Only when driving a zero-level artificial out: the row is an equation, its negation too.
      for (let j = 0; j <= this.width; j += 1) pivotRow[j] = -(pivotRow[j] as bigint);
      p = -p;
    }
    const d = this.denominator;
    const update = (row: Row): void => {
      const factor = row[c] as bigint;
      for (let j = 0; j <= this.width; j += 1) row[j] = exactDivide((row[j] as bigint) * p - factor * (pivotRow[j] as bigint), d);
    };
    this.rows.forEach((row, i) => i !== r && update(row));
    update(objective);
    this.denominator = p;
    this.basis[r] = c;
  }

  /** Maximizes the objective row (z − c·x = 0 form) from the current feasible basis. */
  private optimize(objective: Row, allowArtificial: boolean): 'optimal' | 'unbounded' {
    const limit = allowArtificial ? this.width : this.artificialFrom;
    let degenerateRun = 0;
    for (let step = 0; step < MAX_PIVOTS; step += 1) {
      const bland = degenerateRun >= DEGENERATE_RUN_BEFORE_BLAND;
      let entering = -1;
      for (let j = 0; j < limit; j += 1) {
        const z = objective[j] as bigint;
        if (z < 0n && (entering < 0 || (!bland && z < (objective[entering] as bigint)))) {
          entering = j;
          if (bland) break;
        }
      }
      if (entering < 0) return 'optimal';
      let leaving = -1;
      for (let i = 0; i < this.rows.length; i += 1) {
        const row = this.rows[i] as Row;
        const a = row[entering] as bigint;
        if (a <= 0n) continue;
        if (leaving < 0) {
          leaving = i;
          continue;
        }
        const best = this.rows[leaving] as Row;
        // rhs_i / a_i < rhs_best / a_best, ties to the smaller basic index (Bland).
        const lhs = (row[this.width] as bigint) * (best[entering] as bigint);
        const rhs = (best[this.width] as bigint) * a;
        if (lhs < rhs || (lhs === rhs && (this.basis[i] as number) < (this.basis[leaving] as number))) leaving = i;
      }
      if (leaving < 0) return 'unbounded';
      degenerateRun = (this.rows[leaving] as Row)[this.width] === 0n ? degenerateRun + 1 : 0;
      this.pivot(leaving, entering, objective);
    }
    throw new Error('simplex: pivot limit reached');
  }

  private phaseOne(): boolean {
    const objective = new Array<bigint>(this.width + 1).fill(0n);
    let any = false;
    this.rows.forEach((row, i) => {
      if ((this.basis[i] as number) < this.artificialFrom) return;
      any = true;
      for (let j = 0; j <= this.width; j += 1) if (j < this.artificialFrom || j === this.width) objective[j] = (objective[j] as bigint) - (row[j] as bigint);
    });
    if (!any) return true;
    this.optimize(objective, true);
    if ((objective[this.width] as bigint) < 0n) return false;
    // Drive zero-level artificials out of the basis; a row with nothing else left is redundant.
    this.rows.forEach((row, i) => {
      if ((this.basis[i] as number) < this.artificialFrom) return;
      for (let j = 0; j < this.artificialFrom; j += 1) {
        if (row[j] !== 0n) {
          this.pivot(i, j, objective);
          return;
        }
      }
    });
    return true;
  }

  /** Maximizes Σ coef·x; the session stays at the optimal basis for the next call. */
  maximize(terms: readonly Term[]): Solution {
    if (!this.feasible) throw new Error('simplex: infeasible system');
    const c = new Array<bigint>(this.width).fill(0n);
    for (const [variable, coefficient] of terms) c[variable] = (c[variable] as bigint) + BigInt(coefficient);
    const objective = new Array<bigint>(this.width + 1).fill(0n);
    for (let j = 0; j < this.width; j += 1) objective[j] = -(c[j] as bigint) * this.denominator;
    this.rows.forEach((row, i) => {
      const cb = c[this.basis[i] as number] as bigint;
      if (cb === 0n) return;
      for (let j = 0; j <= this.width; j += 1) objective[j] = (objective[j] as bigint) + cb * (row[j] as bigint);
    });
    if (this.optimize(objective, false) === 'unbounded') return { kind: 'unbounded' };
    const point = Array.from({ length: this.variableCount }, () => ({ numerator: 0n, denominator: 1n }));
    this.rows.forEach((row, i) => {
      const b = this.basis[i] as number;
      if (b < this.variableCount) point[b] = { numerator: row[this.width] as bigint, denominator: this.denominator };
    });
    return { kind: 'optimal', numerator: objective[this.width] as bigint, denominator: this.denominator, point };
  }
}

function floorDiv(a: bigint, b: bigint): bigint {
  if (b < 0n) return floorDiv(-a, -b);
  const q = a / b;
  return q * b > a ? q - 1n : q;
}

export interface IntegerMaximum {
  /** Infinity when unbounded. */
  value: number;
  /** False when branch and bound ran out of nodes: then `value` is the LP bound (an over-estimate). */
  exact: boolean;
}

/** The maximum of Σ coef·x over the integer points of the system (null when it has none). */
export function integerMaximum(
  session: SimplexSession,
  variableCount: number,
  constraints: readonly LinearConstraint[],
  objective: readonly Term[],
  nodeLimit = 200,
): IntegerMaximum | null {
  let nodes = 0;
  let incumbent: number | null = null;
  let exact = true;
  const explore = (current: SimplexSession, extra: readonly LinearConstraint[]): void => {
    nodes += 1;
    if (!current.feasible) return;
    const solution = current.maximize(objective);
    if (solution.kind === 'unbounded') {
      incumbent = Infinity;
      return;
    }
    const bound = Number(floorDiv(solution.numerator, solution.denominator));
    if (incumbent !== null && bound <= incumbent) return;
    const fractional = solution.point.findIndex((v) => v.numerator % v.denominator !== 0n);
    if (fractional < 0) {
      incumbent = bound;
      return;
    }
    if (nodes >= nodeLimit) {
      exact = false;
      incumbent = Math.max(incumbent ?? -Infinity, bound);
      return;
    }
    const v = solution.point[fractional] as { numerator: bigint; denominator: bigint };
    const down = Number(floorDiv(v.numerator, v.denominator));
    for (const branch of [{ terms: [[fractional, 1]] as Term[], hi: down }, { terms: [[fractional, 1]] as Term[], lo: down + 1 }]) {
      const next = [...extra, branch];
      explore(new SimplexSession(variableCount, [...constraints, ...next]), next);
    }
  };
  explore(session, []);
  return incumbent === null ? null : { value: incumbent, exact };
}

/** The integer interval of Σ coef·x over the system, or null when the system has no integer point. */
export function integerRange(
  session: SimplexSession,
  variableCount: number,
  constraints: readonly LinearConstraint[],
  objective: readonly Term[],
): { lo: number; hi: number; exact: boolean } | null {
  const max = integerMaximum(session, variableCount, constraints, objective);
  const min = integerMaximum(
    session,
    variableCount,
    constraints,
    objective.map(([v, c]) => [v, -c] as const),
  );
  if (!max || !min) return null;
  return { lo: min.value === 0 ? 0 : -min.value, hi: max.value, exact: max.exact && min.exact };
}

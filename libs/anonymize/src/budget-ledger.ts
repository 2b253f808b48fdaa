/**
 * The privacy budget of the noise mode (docs/metrics-method.md, "Noise mode"): at most ε = 4 per organisation per
 * calendar year. One ledger per organisation; amounts are kept in millionths so that repeated small
 * spends cannot drift past the cap through floating-point error.
 */
import { DEFAULT_EPSILON_CAP_PER_YEAR } from './types.js';

const UNITS = 1_000_000;

function toUnits(epsilon: number): number {
  const units = Math.round(epsilon * UNITS);
  if (!Number.isFinite(epsilon) || epsilon < 0 || Math.abs(epsilon * UNITS - units) > 1e-3) throw new RangeError(`ε must be a non-negative multiple of 1e-6, got ${epsilon}`);
  return units;
}

export class BudgetExceededError extends Error {
  override readonly name = 'BudgetExceededError';
  readonly code = 'METRICS_BUDGET_EXCEEDED';
  constructor(
    readonly year: number,
    readonly spent: number,
    readonly requested: number,
    readonly cap: number,
  ) {
    super(`privacy budget of ${year}: ${spent} spent + ${requested} requested exceeds the cap of ${cap}`);
  }
}

export class BudgetLedger {
  private readonly capUnits: number;
  private readonly spentUnits = new Map<number, number>();

  constructor(options: { cap?: number; spent?: Readonly<Record<number, number>> } = {}) {
    this.capUnits = toUnits(options.cap ?? DEFAULT_EPSILON_CAP_PER_YEAR);
    for (const [year, epsilon] of Object.entries(options.spent ?? {})) this.spentUnits.set(Number(year), toUnits(epsilon));
  }

  get cap(): number {
    return this.capUnits / UNITS;
  }

  spent(year: number): number {
    return (this.spentUnits.get(year) ?? 0) / UNITS;
  }

  remaining(year: number): number {
    return Math.max(0, this.capUnits - (this.spentUnits.get(year) ?? 0)) / UNITS;
  }

  canSpend(year: number, epsilon: number): boolean {
    return (this.spentUnits.get(year) ?? 0) + toUnits(epsilon) <= this.capUnits;
  }

  /** Records a spend; refuses (throws, recording nothing) when it would pass the cap. */
  spend(year: number, epsilon: number): void {
    if (!Number.isSafeInteger(year)) throw new RangeError(`not a calendar year: ${year}`);
    if (!this.canSpend(year, epsilon)) throw new BudgetExceededError(year, this.spent(year), epsilon, this.cap);
    this.spentUnits.set(year, (this.spentUnits.get(year) ?? 0) + toUnits(epsilon));
  }

  /** What to persist. */
  toJSON(): { cap: number; spent: Record<number, number> } {
    return { cap: this.cap, spent: Object.fromEntries([...this.spentUnits].map(([y, u]) => [y, u / UNITS])) };
  }
}

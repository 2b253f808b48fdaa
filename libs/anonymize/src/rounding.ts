/**
 * Threshold and rounding (docs/metrics-method.md, "Threshold and rounding"): counts below the threshold are published as `<11`, the
 * rest rounded to the base. A count of 11 or 12 would round to 10 — a value in 1–10 — so the smallest
 * published value is the first multiple of the base at or above the threshold (15).
 */

export interface Publication {
  threshold: number;
  base: number;
}

export function checkPublication({ threshold, base }: Publication): void {
  if (!Number.isSafeInteger(threshold) || threshold < 1) throw new RangeError(`threshold must be a positive integer, got ${threshold}`);
  if (!Number.isSafeInteger(base) || base < 1) throw new RangeError(`rounding base must be a positive integer, got ${base}`);
}

/** The smallest value ever published. */
export function minPublished({ threshold, base }: Publication): number {
  return Math.ceil(threshold / base) * base;
}

/** Rounds half up to the base: with base 5, 12 → 10, 13 → 15. */
function roundToBase(count: number, base: number): number {
  return Math.floor((2 * count + base) / (2 * base)) * base;
}

/** The published value of a count, or null when it is below the threshold. */
export function publish(count: number, publication: Publication): number | null {
  if (count < publication.threshold) return null;
  return Math.max(roundToBase(count, publication.base), minPublished(publication));
}

/** Every count that publishes as `value`: the interval an attacker learns from it. */
export function publishedInterval(value: number, publication: Publication): { lo: number; hi: number } {
  const { threshold, base } = publication;
  const lo = value === minPublished(publication) ? threshold : value - Math.floor(base / 2);
  const hi = value + Math.ceil(base / 2) - 1;
  return { lo, hi };
}

/**
 * Two-sided geometric (discrete Laplace) noise, integer arithmetic only (docs/metrics-method.md, "Noise mode").
 *
 * Floating-point Laplace samplers leak through the gaps of the floating-point grid (Mironov 2012), so
 * nothing here touches a float once ε is read:
 *   1. ε/Δ is turned into an exact rational (a double is a dyadic rational) and α = exp(−ε/Δ) is computed
 *      as a fixed-point BigInt with 160 fractional bits, rounded UP (the exp series is summed with floors,
 *      which bounds exp(ε/Δ) from below). A larger α means more noise: the guarantee only gets stronger.
 *   2. The thresholds t_k = ⌊2^128 · α^k⌋ are computed exactly from the integer power of α's numerator.
 *   3. A geometric G with P(G ≥ k) = t_k / 2^128 ≈ α^k is read from a uniform 128-bit integer U by
 *      integer comparisons: G = the largest k with U < t_k.
 *   4. Z = G1 − G2 for two independent geometrics is two-sided geometric: P(Z = z) ∝ α^|z|.
 * U1 and U2 are the two halves of HMAC-SHA256(key, `${table}|${cell}|${period}`), so a repeat request
 * gives identical numbers and another key gives unrelated ones. The 2^-128 grid truncates the tail
 * beyond α^k < 2^-128: the mechanism is (ε, δ)-DP with δ below 2^-120, negligible next to ε.
 */
import { type NoiseKey } from './types.js';

const FRACTION_BITS = 160n;
const UNIFORM_BITS = 128n;
const ONE = 1n << FRACTION_BITS;

/** A double as an exact fraction numerator / denominator (both positive). */
function exactRational(value: number): { numerator: bigint; denominator: bigint } {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`expected a positive finite number, got ${value}`);
  let scaled = value;
  let denominator = 1n;
  // Doubling a double is exact, and a finite double becomes an integer after at most 1074 doublings.
  while (!Number.isInteger(scaled)) {
    scaled *= 2;
    denominator *= 2n;
  }
  return { numerator: BigInt(scaled), denominator };
}

/** α = exp(−ε/Δ) as a fixed-point integer A with α ≤ A / 2^160 (rounded up). */
export function alphaFixedPoint(epsilon: number, sensitivity = 1): bigint {
  if (!Number.isSafeInteger(sensitivity) || sensitivity < 1) throw new RangeError(`sensitivity must be a positive integer, got ${sensitivity}`);
  const { numerator, denominator } = exactRational(epsilon);
  const den = denominator * BigInt(sensitivity);
  // Lower bound of 2^160 · exp(x): every term is floored.
  let sum = 0n;
  let term = ONE;
  for (let i = 1n; term > 0n; i += 1n) {
    sum += term;
    term = (term * numerator) / (den * i);
  }
  return (ONE * ONE + sum - 1n) / sum;
}

const thresholdCache = new Map<string, readonly bigint[]>();

/** t_k = ⌊2^128 · α^k⌋ for k = 0, 1, … while positive; t_0 = 2^128. */
export function geometricThresholds(epsilon: number, sensitivity = 1): readonly bigint[] {
  const cacheKey = `${epsilon}/${sensitivity}`;
  const cached = thresholdCache.get(cacheKey);
  if (cached) return cached;
  const alpha = alphaFixedPoint(epsilon, sensitivity);
  const thresholds: bigint[] = [];
  let power = 1n; // alpha^k, scaled by 2^(160k)
  for (let k = 0n; ; k += 1n) {
    const t = (power << UNIFORM_BITS) >> (FRACTION_BITS * k);
    if (t === 0n) break;
    thresholds.push(t);
    power *= alpha;
  }
  thresholdCache.set(cacheKey, thresholds);
  return thresholds;
}

function uniform128(bytes: Uint8Array, offset: number): bigint {
  let u = 0n;
  for (let i = offset; i < offset + 16; i += 1) u = (u << 8n) | BigInt(bytes[i] ?? 0);
  return u;
}

function geometric(u: bigint, thresholds: readonly bigint[]): number {
  // Binary search for the largest k with u < t_k (t_0 = 2^128 > u always).
  let lo = 0;
  let hi = thresholds.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (u < (thresholds[mid] as bigint)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** One two-sided geometric sample from 32 uniformly random bytes. */
export function discreteLaplaceFromBytes(bytes: Uint8Array, thresholds: readonly bigint[]): number {
  if (bytes.length < 32) throw new RangeError('the noise key must return at least 32 bytes (HMAC-SHA256)');
  return geometric(uniform128(bytes, 0), thresholds) - geometric(uniform128(bytes, 16), thresholds);
}

/** The noise of one cell: deterministic per (key, table, cell, period). */
export function cellNoise(key: NoiseKey, table: string, cell: string, period: string, epsilon: number, sensitivity = 1): number {
  return discreteLaplaceFromBytes(key.hmac(`${table}|${cell}|${period}`), geometricThresholds(epsilon, sensitivity));
}

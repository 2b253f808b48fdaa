import { createHmac, randomBytes } from 'node:crypto';
import { alphaFixedPoint, cellNoise, discreteLaplaceFromBytes, geometricThresholds } from './noise.js';
import { type NoiseKey } from './types.js';

const keyOf = (secret: string): NoiseKey => ({ hmac: (message) => new Uint8Array(createHmac('sha256', secret).update(message).digest()) });

describe('discrete Laplace noise (rule 7)', () => {
  it('α is exp(−ε/Δ) rounded up, to far better than 1e-15', () => {
    for (const [epsilon, sensitivity] of [[0.5, 1], [0.5, 3], [1, 1], [0.1, 1], [4, 1]] as const) {
      const alpha = Number((alphaFixedPoint(epsilon, sensitivity) * 10n ** 18n) >> 160n) / 1e18;
      expect(Math.abs(alpha - Math.exp(-epsilon / sensitivity))).toBeLessThan(1e-15);
    }
  });

  it('thresholds decrease geometrically from 2^128', () => {
    const t = geometricThresholds(0.5);
    expect(t[0]).toBe(1n << 128n);
    for (let k = 1; k < t.length; k += 1) expect((t[k] as bigint) < (t[k - 1] as bigint)).toBe(true);
    expect(Number(t[1]) / 2 ** 128).toBeCloseTo(Math.exp(-0.5), 12);
  });

  it('is deterministic per key, table, cell and period, and differs for another key', () => {
    const a = keyOf('key-a');
    const b = keyOf('key-b');
    const cells = Array.from({ length: 200 }, (_, i) => `cell-${i}`);
    const first = cells.map((c) => cellNoise(a, 't', c, '2026-Q1', 0.5));
    expect(cells.map((c) => cellNoise(a, 't', c, '2026-Q1', 0.5))).toEqual(first);
    const other = cells.map((c) => cellNoise(b, 't', c, '2026-Q1', 0.5));
    expect(other.filter((v, i) => v !== first[i]).length).toBeGreaterThan(100);
    const otherPeriod = cells.map((c) => cellNoise(a, 't', c, '2026-Q2', 0.5));
    expect(otherPeriod.filter((v, i) => v !== first[i]).length).toBeGreaterThan(100);
  });

  it.each([
    [0.5, 1],
    [0.5, 3],
    [1, 1],
  ])('ε = %p, Δ = %p: mean ≈ 0, variance ≈ 2α/(1−α)², P(0) ≈ (1−α)/(1+α)', (epsilon, sensitivity) => {
    const thresholds = geometricThresholds(epsilon, sensitivity);
    const n = 100_000;
    const samples = Array.from({ length: n }, () => discreteLaplaceFromBytes(randomBytes(32), thresholds));
    const alpha = Math.exp(-epsilon / sensitivity);
    const variance = (2 * alpha) / (1 - alpha) ** 2;
    const mean = samples.reduce((s, x) => s + x, 0) / n;
    const sampleVariance = samples.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
    // Standard error of the mean is √(variance/n); allow 5 of them. The variance within 5%.
    expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(variance / n));
    expect(Math.abs(sampleVariance / variance - 1)).toBeLessThan(0.05);
    const zeros = samples.filter((x) => x === 0).length / n;
    expect(Math.abs(zeros - (1 - alpha) / (1 + alpha))).toBeLessThan(0.01);
    expect(samples.every(Number.isSafeInteger)).toBe(true);
  });

  it('refuses a key that returns fewer than 32 bytes', () => {
    expect(() => cellNoise({ hmac: () => new Uint8Array(16) }, 't', 'c', '2026', 0.5)).toThrow(RangeError);
  });
});

import assert from 'node:assert/strict';
import { LAYER_COUNT } from '../../src/domain/contract.js';
import type { Rows } from './code-files.js';

/** Statistics of one layer computed the plain way, for comparison with tokenscope's. */
export interface ReferenceLayer {
  number: number;
  tokenCount: number;
  distinctTokens: number;
  /** Shannon entropy in bits. */
  entropyBits: number;
  mean: number;
  /** Population variance (two-pass: mean first, then squared deviations). */
  variance: number;
  /** token → count. */
  histogram: Map<number, number>;
}

/** Per-layer statistics of all frames of `matrices`, straight from the rows (no tokenscope code). */
export function referenceLayers(matrices: readonly Rows[]): ReferenceLayer[] {
  return Array.from({ length: LAYER_COUNT }, (_, index) => {
    const histogram = new Map<number, number>();
    let n = 0;
    let sum = 0;
    for (const rows of matrices) {
      for (const row of rows) {
        const token = row[index]!;
        histogram.set(token, (histogram.get(token) ?? 0) + 1);
        n++;
        sum += token;
      }
    }
    const mean = sum / n;
    let squares = 0;
    for (const [token, count] of histogram) squares += count * (token - mean) ** 2;
    let entropy = 0;
    for (const count of histogram.values()) entropy -= (count / n) * Math.log2(count / n);
    return { number: index + 1, tokenCount: n, distinctTokens: histogram.size, entropyBits: entropy, mean, variance: squares / n, histogram };
  });
}

/** The `limit` most frequent tokens of a histogram, ties broken by token id. */
export function topTokens(histogram: ReadonlyMap<number, number>, limit: number): { token: number; count: number }[] {
  return [...histogram]
    .map(([token, count]) => ({ token, count }))
    .sort((a, b) => b.count - a.count || a.token - b.token)
    .slice(0, limit);
}

/** Asserts |actual − expected| ≤ rel × |expected| (absolute `rel` when expected is 0). */
export function assertClose(actual: number, expected: number, rel: number, label: string): void {
  const tolerance = expected === 0 ? rel : rel * Math.abs(expected);
  assert.ok(Math.abs(actual - expected) <= tolerance, `${label}: ${actual} vs expected ${expected} (relative tolerance ${rel})`);
}

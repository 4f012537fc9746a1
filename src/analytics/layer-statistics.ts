import { CODEBOOK_SIZE } from '../domain/contract.js';
import type { CodeMatrix } from '../domain/code-matrix.js';
import { invalidArgument } from '../errors.js';
import { layerHistogram } from './token-histogram.js';

/** Summary of one layer's tokens, treating token ids 0..2047 as numbers. */
export interface LayerStatistics {
  /** Tokens counted (frames, for one matrix). */
  readonly tokenCount: number;
  /** Mean token id. */
  readonly mean: number;
  /** Population variance (ddof 0) of the token ids, in token². */
  readonly variance: number;
  /** Population standard deviation of the token ids. */
  readonly std: number;
  /** Shannon entropy of the token distribution in bits (log2, 0·log 0 = 0); at most 11. */
  readonly entropyBits: number;
  /** Token ids that occur at least once. */
  readonly distinctTokens: number;
  /** distinctTokens / 2048, in 0..1. */
  readonly utilisation: number;
}

/**
 * Statistics of a layer from its 2048-entry token histogram. Independent of the store's SQL
 * (count, sum, sum of squares), so the two can check each other. Throws INVALID_ARGUMENT for a
 * histogram of the wrong length, a negative or non-finite count, or no tokens at all.
 */
export function layerStatistics(histogram: ArrayLike<number>): LayerStatistics {
  if (histogram.length !== CODEBOOK_SIZE) {
    throw invalidArgument(`histogram must hold ${CODEBOOK_SIZE} counts; received ${histogram.length}`, {
      argument: 'histogram',
      received: histogram.length,
    });
  }
  let tokenCount = 0;
  let sum = 0;
  let distinctTokens = 0;
  for (let t = 0; t < CODEBOOK_SIZE; t++) {
    const c = histogram[t]!;
    if (!(Number.isFinite(c) && c >= 0)) {
      throw invalidArgument(`histogram counts must be finite and ≥ 0; token ${t} has ${c}`, { token: t, received: c });
    }
    tokenCount += c;
    sum += c * t;
    if (c > 0) distinctTokens++;
  }
  if (tokenCount === 0) {
    throw invalidArgument('histogram holds no tokens; statistics of an empty layer are undefined', {
      argument: 'histogram',
    });
  }
  const mean = sum / tokenCount;
  // Two passes (deviations from the mean) rather than E[x²]−E[x]², which cancels badly.
  let squares = 0;
  let entropyBits = 0;
  for (let t = 0; t < CODEBOOK_SIZE; t++) {
    const c = histogram[t]!;
    if (c === 0) continue;
    squares += c * (t - mean) * (t - mean);
    const p = c / tokenCount;
    entropyBits -= p * Math.log2(p);
  }
  const variance = squares / tokenCount;
  return {
    tokenCount,
    mean,
    variance,
    std: Math.sqrt(variance),
    entropyBits,
    distinctTokens,
    utilisation: distinctTokens / CODEBOOK_SIZE,
  };
}

/** Statistics of layer `layer` (1..16) of one matrix. */
export function layerStatisticsOfMatrix(matrix: CodeMatrix, layer: number): LayerStatistics {
  return layerStatistics(layerHistogram(matrix, layer));
}

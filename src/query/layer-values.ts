import { CODEBOOK_SIZE } from '../domain/contract.js';
import type { LayerAggregateRow } from '../store/rows.js';

/** A layer's statistics, derived from mergeable aggregates. */
export interface LayerValues {
  number: number;
  tokenCount: number;
  mean: number;
  /** Population variance (numpy ddof=0). */
  variance: number;
  std: number;
  entropyBits: number;
  distinctTokens: number;
  /** distinctTokens / 2048. */
  utilisation: number;
}

/** Mean, population variance and the rest from count, sum and sum of squares. */
export function layerValues(row: LayerAggregateRow): LayerValues {
  const n = row.tokenCount;
  const mean = n ? row.tokenSum / n : 0;
  // E[x²] − E[x]² can dip below zero by rounding when all tokens are equal.
  const variance = n ? Math.max(0, row.tokenSumSq / n - mean * mean) : 0;
  return {
    number: row.layer,
    tokenCount: n,
    mean,
    variance,
    std: Math.sqrt(variance),
    entropyBits: Math.max(0, row.entropyBits),
    distinctTokens: row.distinctTokens,
    utilisation: row.distinctTokens / CODEBOOK_SIZE,
  };
}

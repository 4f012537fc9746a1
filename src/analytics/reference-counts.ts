import { CODEBOOK_SIZE, LAYER_COUNT } from '../domain/contract.js';
import { invalidArgument } from '../errors.js';

/**
 * A reference corpus's token histograms: `perLayer[layerIndex(L)][token]` is how many times
 * `token` occurred in layer L (1..16) across the corpus. Counts are mergeable across shards.
 */
export interface ReferenceCounts {
  /** 16 histograms (index = layer − 1), each of 2048 non-negative counts (tokens). */
  readonly perLayer: readonly ArrayLike<number>[];
  /** Tokens in the reference over all layers (frames × 16 for a complete corpus). */
  readonly totalTokens: number;
}

/**
 * Checks the shape of reference counts: 16 layers × 2048 finite non-negative counts and a
 * positive total. Throws INVALID_ARGUMENT naming `source` (e.g. the corpus) and what was wrong.
 */
export function checkReferenceCounts(counts: ReferenceCounts, source: string): ReferenceCounts {
  if (counts.perLayer.length !== LAYER_COUNT) {
    throw invalidArgument(
      `reference counts of ${source} must hold ${LAYER_COUNT} layers; received ${counts.perLayer.length}`,
      { source, received: counts.perLayer.length },
    );
  }
  counts.perLayer.forEach((histogram, index) => {
    if (histogram.length !== CODEBOOK_SIZE) {
      throw invalidArgument(
        `reference counts of ${source}, layer ${index + 1}, must hold ${CODEBOOK_SIZE} counts; received ${histogram.length}`,
        { source, layer: index + 1, received: histogram.length },
      );
    }
  });
  if (!(Number.isFinite(counts.totalTokens) && counts.totalTokens > 0)) {
    throw invalidArgument(`reference ${source} holds no tokens (totalTokens ${counts.totalTokens})`, {
      source,
      received: counts.totalTokens,
    });
  }
  return counts;
}

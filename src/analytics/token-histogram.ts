import { CODEBOOK_SIZE, LAYER_COUNT, layerIndex } from '../domain/contract.js';
import type { CodeMatrix } from '../domain/code-matrix.js';
import type { ReferenceCounts } from './reference-counts.js';
import { layerIndices } from './layer-selection.js';

/** Token histogram of one layer (1..16): 2048 counts, entry t = frames whose token is t. */
export function layerHistogram(matrix: CodeMatrix, layer: number): Uint32Array {
  const [index] = layerIndices([layer], 'layer');
  const counts = new Uint32Array(CODEBOOK_SIZE);
  for (let f = index!; f < matrix.tokens.length; f += LAYER_COUNT) counts[matrix.tokens[f]!]!++;
  return counts;
}

/**
 * Reference counts built in memory from matrices (e.g. a normal-speech corpus held by a test or
 * a script); the store builds the same thing from its pre-aggregated histograms.
 */
export function referenceCountsOf(matrices: readonly CodeMatrix[]): ReferenceCounts {
  const perLayer = Array.from({ length: LAYER_COUNT }, () => new Uint32Array(CODEBOOK_SIZE));
  let totalTokens = 0;
  for (const matrix of matrices) {
    for (let layer = 1; layer <= LAYER_COUNT; layer++) {
      const histogram = perLayer[layerIndex(layer)]!;
      layerHistogram(matrix, layer).forEach((count, token) => (histogram[token] = histogram[token]! + count));
    }
    totalTokens += matrix.tokens.length;
  }
  return { perLayer, totalTokens };
}

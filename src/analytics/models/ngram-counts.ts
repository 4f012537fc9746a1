import { CODEBOOK_SIZE, LAYER_COUNT, layerIndex } from '../../domain/contract.js';
import type { CodeMatrix } from '../../domain/code-matrix.js';
import type { ReferenceCounts } from '../reference-counts.js';

/** Token counts of a corpus over some layers: what a unigram or bigram model is fitted from. */
export interface NgramCounts {
  /** Layers (1..16, ascending) counted; the arrays below follow this order. */
  readonly layers: readonly number[];
  /** Per layer: 2048 counts, entry t = how often token t occurs in that layer. */
  readonly unigrams: readonly Float64Array[];
  /** Per layer, bigram counts only: key previous × 2048 + token → how often token follows previous. */
  readonly bigrams?: readonly Map<number, number>[];
  /** Per layer, bigram counts only: entry p = how often token p is followed by another frame. */
  readonly contexts?: readonly Float64Array[];
}

/** Unigram counts over `layers` taken from a corpus's pre-aggregated histograms. */
export function unigramCountsOf(reference: ReferenceCounts, layers: readonly number[]): NgramCounts {
  return { layers, unigrams: layers.map((layer) => Float64Array.from(reference.perLayer[layerIndex(layer)]!)) };
}

/**
 * Unigram and bigram counts over `layers` from every matrix of a corpus. Pairs never cross
 * matrices: the first frame of each matrix has no predecessor, the last one no successor.
 */
export async function bigramCountsOf(matrices: AsyncIterable<CodeMatrix>, layers: readonly number[]): Promise<NgramCounts> {
  const unigrams = layers.map(() => new Float64Array(CODEBOOK_SIZE));
  const contexts = layers.map(() => new Float64Array(CODEBOOK_SIZE));
  const bigrams = layers.map(() => new Map<number, number>());
  for await (const { tokens, frames } of matrices) {
    layers.forEach((layer, j) => {
      const li = layerIndex(layer);
      const unigram = unigrams[j]!;
      const context = contexts[j]!;
      const pairs = bigrams[j]!;
      for (let f = 0; f < frames; f++) {
        const token = tokens[f * LAYER_COUNT + li]!;
        unigram[token]!++;
        if (f === 0) continue;
        const previous = tokens[(f - 1) * LAYER_COUNT + li]!;
        context[previous]!++;
        const key = previous * CODEBOOK_SIZE + token;
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
    });
  }
  return { layers, unigrams, bigrams, contexts };
}

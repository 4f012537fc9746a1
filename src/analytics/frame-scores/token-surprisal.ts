import { CODEBOOK_SIZE, LAYER_COUNT, layerIndex } from '../../domain/contract.js';
import type { CodeMatrix } from '../../domain/code-matrix.js';
import { invalidArgument } from '../../errors.js';
import type { NgramCounts } from '../models/ngram-counts.js';

/** How the n-gram probabilities are smoothed. */
export interface SurprisalSmoothing {
  /** Add-α pseudo-count given to each of the 2048 tokens of a layer's unigram (> 0). */
  readonly alpha: number;
  /** Weight (0..1) of the bigram estimate against the unigram one; ignored for unigram counts. */
  readonly lambda: number;
}

/**
 * Per frame, the surprisal in bits of its tokens over the layers of `counts`:
 * −Σ_layers log2 P(token). Unigram: P(t) = (c(t) + α) / (N + 2048α). With bigram counts, from
 * frame 1 on: P(t | p) = λ·c(p, t)/c(p, ·) + (1 − λ)·P(t), backing off to P(t) when the
 * reference never saw p followed by a frame; frame 0 has no predecessor and uses P(t).
 */
export function tokenSurprisal(matrix: CodeMatrix, counts: NgramCounts, smoothing: SurprisalSmoothing): Float64Array {
  const { alpha, lambda } = smoothing;
  if (!(alpha > 0 && lambda >= 0 && lambda <= 1)) {
    throw invalidArgument(`surprisal needs alpha > 0 and lambda in [0, 1]; received alpha ${alpha}, lambda ${lambda}`, { alpha, lambda });
  }
  const { tokens, frames } = matrix;
  const out = new Float64Array(frames);
  counts.layers.forEach((layer, j) => {
    const li = layerIndex(layer);
    const unigram = counts.unigrams[j]!;
    let total = 0;
    for (let t = 0; t < CODEBOOK_SIZE; t++) total += unigram[t]!;
    const denominator = total + alpha * CODEBOOK_SIZE;
    const pairs = counts.bigrams?.[j];
    const contexts = counts.contexts?.[j];
    for (let f = 0; f < frames; f++) {
      const token = tokens[f * LAYER_COUNT + li]!;
      let p = (unigram[token]! + alpha) / denominator;
      if (pairs && contexts && f > 0) {
        const previous = tokens[(f - 1) * LAYER_COUNT + li]!;
        const seen = contexts[previous]!;
        if (seen > 0) p = (lambda * (pairs.get(previous * CODEBOOK_SIZE + token) ?? 0)) / seen + (1 - lambda) * p;
      }
      out[f] = out[f]! - Math.log2(p);
    }
  });
  return out;
}

import { CODEBOOK_SIZE, LAYER_COUNT, layerIndex } from '../../domain/contract.js';
import type { CodeMatrix } from '../../domain/code-matrix.js';
import { invalidArgument } from '../../errors.js';
import type { EnrichmentCounts } from '../models/enrichment-counts.js';

/**
 * Per frame, the sum over the layers of `counts` of its token's log-odds in bits:
 * log2((c_event(t) + α) / (N_event + 2048α)) − log2((c_bg(t) + α) / (N_bg + 2048α)),
 * N = event (background) frames. Positive where the tokens are typical of labelled events.
 */
export function tokenEnrichment(matrix: CodeMatrix, counts: EnrichmentCounts, alpha: number): Float64Array {
  if (!(alpha > 0)) throw invalidArgument(`enrichment needs alpha > 0; received ${alpha}`, { argument: 'alpha', received: alpha });
  const { tokens, frames } = matrix;
  const out = new Float64Array(frames);
  counts.layers.forEach((layer, j) => {
    const li = layerIndex(layer);
    const event = counts.event[j]!;
    const background = counts.background[j]!;
    const eventTotal = counts.eventFrames + alpha * CODEBOOK_SIZE;
    const backgroundTotal = counts.backgroundFrames + alpha * CODEBOOK_SIZE;
    const logOdds = new Float64Array(CODEBOOK_SIZE);
    for (let t = 0; t < CODEBOOK_SIZE; t++) {
      logOdds[t] = Math.log2((event[t]! + alpha) / eventTotal) - Math.log2((background[t]! + alpha) / backgroundTotal);
    }
    for (let f = 0; f < frames; f++) out[f] = out[f]! + logOdds[tokens[f * LAYER_COUNT + li]!]!;
  });
  return out;
}

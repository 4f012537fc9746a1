import { CODEBOOK_SIZE, LAYER_COUNT, isLayerNumber, layerIndex } from '../domain/contract.js';
import type { Codebooks } from './codebooks.js';
import { codebookSquaredNorms } from './layer-contribution.js';

/** One entry of a token histogram: `count` occurrences of `token` in layer `layer` (1..16). */
export interface LayerTokenCount {
  readonly layer: number;
  readonly token: number;
  readonly count: number;
}

/**
 * Running sums of each layer's residual energy over frames, from token counts: Σ_t count[L][t]·‖c_L[t]‖²
 * and Σ_t count[L][t]. Sums from histograms of different models (each with its own codebooks) add up,
 * so a corpus mixing models still gets the mean over all its frames.
 */
export class LayerEnergySums {
  /** Σ count·‖c‖² per layer (index = layer − 1). */
  readonly energy = new Float64Array(LAYER_COUNT);
  /** Tokens counted per layer (= frames, for complete matrices). */
  readonly tokens = new Float64Array(LAYER_COUNT);

  /** Adds a histogram whose tokens index `codebooks`; entries outside 1..16 × 0..2047 are an invariant broken by the store. */
  add(codebooks: Codebooks, counts: Iterable<LayerTokenCount>): this {
    const norms = codebookSquaredNorms(codebooks);
    for (const { layer, token, count } of counts) {
      if (!isLayerNumber(layer) || !(token >= 0 && token < CODEBOOK_SIZE)) throw new RangeError(`token count outside the contract: layer ${layer}, token ${token}`);
      const l = layerIndex(layer);
      this.energy[l] += count * norms[l * codebooks.entries + token]!;
      this.tokens[l] += count;
    }
    return this;
  }

  /** Mean ‖c_L[token]‖² over frames per layer (0 where nothing was counted), and each layer's share of their sum. */
  result(): LayerEnergies {
    const mean = new Float64Array(LAYER_COUNT);
    for (let l = 0; l < LAYER_COUNT; l++) mean[l] = this.tokens[l]! > 0 ? this.energy[l]! / this.tokens[l]! : 0;
    return layerEnergies(mean);
  }
}

/** Each layer's residual energy (mean ‖c_L[token]‖² over frames) and its share of the 16 layers' sum. */
export interface LayerEnergies {
  /** Mean squared norm of the vector chosen in layer L, at [L − 1] (squared embedding units). */
  readonly mean: Float64Array;
  /** mean[L − 1] / Σ mean: 0..1, summing to 1 (all 0 when every energy is 0). */
  readonly share: Float64Array;
}

/** Shares of the per-layer means `mean` (16 values). */
export function layerEnergies(mean: Float64Array): LayerEnergies {
  let total = 0;
  for (const v of mean) total += v;
  const share = new Float64Array(mean.length);
  if (total > 0) for (let l = 0; l < mean.length; l++) share[l] = mean[l]! / total;
  return { mean, share };
}

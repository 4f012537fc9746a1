import type { GaussianModel } from '../models/gaussian-model.js';
import { mahalanobisSquared } from '../models/gaussian-model.js';

/**
 * Novelty of each of rows × D vectors under a reference Gaussian: the Mahalanobis distance divided
 * by √D, i.e. the root-mean-square deviation per whitened dimension, in reference standard
 * deviations. A vector drawn from the reference's own Gaussian scores about 1.
 */
export function embeddingNovelty(vectors: Float64Array, model: GaussianModel): Float64Array {
  const out = mahalanobisSquared(model, vectors);
  for (let i = 0; i < out.length; i++) out[i] = Math.sqrt(out[i]! / model.dim);
  return out;
}

import type { Codebooks } from '../../src/codebooks/codebooks.js';
import { makeCodebooks } from '../../src/codebooks/codebooks-npy.js';
import { CODEBOOK_SIZE, LAYER_COUNT } from '../../src/domain/contract.js';

/**
 * 16 × 2048 × dim codebooks that are zero except the vectors given, keyed `layer:token`
 * (e.g. `{ '1:5': [1, 0] }`): small enough to work embeddings out by hand.
 */
export function handCodebooks(dim: number, vectors: Readonly<Record<string, readonly number[]>>): Codebooks {
  const values = new Float32Array(LAYER_COUNT * CODEBOOK_SIZE * dim);
  for (const [key, vector] of Object.entries(vectors)) {
    const [layer, token] = key.split(':').map(Number);
    if (vector.length !== dim) throw new Error(`vector ${key} has ${vector.length} values, not ${dim}`);
    values.set(vector, ((layer! - 1) * CODEBOOK_SIZE + token!) * dim);
  }
  return makeCodebooks(LAYER_COUNT, CODEBOOK_SIZE, dim, values);
}

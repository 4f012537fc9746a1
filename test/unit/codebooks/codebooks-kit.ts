import { CODEBOOK_SIZE, LAYER_COUNT } from '../../../src/domain/contract.js';
import type { Codebooks } from '../../../src/codebooks/codebooks.js';
import { makeCodebooks } from '../../../src/codebooks/codebooks-npy.js';
import { mulberry32 } from '../../../src/jsutils/mulberry32.js';

/** Random 16 × 2048 × dim codebooks from a seed (values in [-1, 1)). */
export function randomCodebooks(dim: number, seed = 7): Codebooks {
  const next = mulberry32(seed);
  const vectors = new Float32Array(LAYER_COUNT * CODEBOOK_SIZE * dim);
  for (let i = 0; i < vectors.length; i++) vectors[i] = next() * 2 - 1;
  return makeCodebooks(LAYER_COUNT, CODEBOOK_SIZE, dim, vectors);
}

import type { TokenNeighbour } from '../codebooks/token-neighbours.js';
import { checkNeighbourArguments, tokenNeighbours } from '../codebooks/token-neighbours.js';
import { codebooksOfModel } from './model-codebooks.js';

/**
 * The k nearest entries of `layer`'s codebook of model `model` to token `token` (see
 * tokenNeighbours). The arguments are checked before the model is looked up; NOT_FOUND for an
 * unknown model or one without codebooks (naming `tokenscope models add-codebooks`).
 */
export async function tokenNeighboursOf(modelsDir: string, model: string, layer: number, token: number, k: number): Promise<TokenNeighbour[]> {
  // A bad argument is reported whatever the model.
  checkNeighbourArguments(layer, token, k);
  return tokenNeighbours(await codebooksOfModel(modelsDir, model, null), layer, token, k);
}

import { codebookColours } from '../codebooks/codebook-colours.js';
import { codebooksOfModel } from './model-codebooks.js';

const cache = new Map<string, Uint8Array>();

/**
 * The fixed colours of model `model`'s codebook entries (see codebookColours), computed once per
 * codebooks sha256 and kept. NOT_FOUND for an unknown model or one without codebooks.
 */
export async function codebookColoursOf(modelsDir: string, model: string): Promise<Uint8Array> {
  const codebooks = await codebooksOfModel(modelsDir, model, null);
  let colours = cache.get(codebooks.sha256);
  if (!colours) {
    colours = codebookColours(codebooks);
    cache.set(codebooks.sha256, colours);
  }
  return colours;
}

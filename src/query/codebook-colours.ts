import { codebookColoursInWorker } from '../codebooks/codebook-colours-in-worker.js';
import { codebooksOfModel } from './model-codebooks.js';

const cache = new Map<string, Promise<Uint8Array>>();

/**
 * The fixed colours of model `model`'s codebook entries (see codebookColours), computed once per
 * codebooks sha256, in a worker thread (requests meanwhile share it), and kept. NOT_FOUND for an
 * unknown model or one without codebooks.
 */
export async function codebookColoursOf(modelsDir: string, model: string): Promise<Uint8Array> {
  const codebooks = await codebooksOfModel(modelsDir, model, null);
  let colours = cache.get(codebooks.sha256);
  if (!colours) {
    colours = codebookColoursInWorker(codebooks);
    cache.set(codebooks.sha256, colours);
    colours.catch(() => cache.delete(codebooks.sha256));
  }
  return colours;
}

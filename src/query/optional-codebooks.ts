import type { Codebooks } from '../codebooks/codebooks.js';
import { ErrorCode, TokenscopeError } from '../errors.js';
import { codebooksOfModel } from './model-codebooks.js';

/**
 * The codebooks of `model` for figures that are optional beside others (a layer's residual energy,
 * corpus distances in embedding space): null where the model is not registered (or its id could not
 * be one), has no codebooks, or the audio was encoded by other weights (`modelSha256`, where known).
 * Any other failure (a changed or broken codebooks file) still throws.
 */
export async function optionalCodebooks(modelsDir: string, model: string, modelSha256: string | null): Promise<Codebooks | null> {
  try {
    return await codebooksOfModel(modelsDir, model, modelSha256);
  } catch (error) {
    if (error instanceof TokenscopeError && [ErrorCode.NOT_FOUND, ErrorCode.MODEL_MISMATCH, ErrorCode.INVALID_ARGUMENT].includes(error.code)) return null;
    throw error;
  }
}

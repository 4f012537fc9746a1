import type { Codebooks } from '../codebooks/codebooks.js';
import { ErrorCode, TokenscopeError } from '../errors.js';
import { readModelCodebooks } from '../tokenizer/model-codebooks.js';
import { loadModel } from '../tokenizer/model-registry.js';

const cache = new Map<string, Promise<Codebooks>>();

/**
 * The codebooks of model `modelId` in `modelsDir`, read once per codebooks sha256 and kept. NOT_FOUND
 * when the model is not registered or has no codebooks; MODEL_MISMATCH when the audio was encoded by
 * other weights (`modelSha256`, where known) than the registered model's.
 */
export async function codebooksOfModel(modelsDir: string, modelId: string, modelSha256: string | null): Promise<Codebooks> {
  const model = await loadModel(modelsDir, modelId);
  if (modelSha256 !== null && modelSha256 !== model.manifest.sha256) {
    throw new TokenscopeError(ErrorCode.MODEL_MISMATCH, `model '${modelId}': the audio was encoded by ONNX sha256 ${modelSha256}; the registered model is ${model.manifest.sha256}`, { model: modelId });
  }
  const key = `${model.dir}\n${model.manifest.codebooksSha256 ?? ''}`;
  let codebooks = cache.get(key);
  if (codebooks === undefined) {
    codebooks = readModelCodebooks(model);
    cache.set(key, codebooks);
    codebooks.catch(() => cache.delete(key));
  }
  return codebooks;
}

import type { Codebooks } from '../codebooks/codebooks.js';
import { ErrorCode, TokenscopeError, notFound } from '../errors.js';
import { readModelCodebooks } from '../tokenizer/model-codebooks.js';
import { MODEL_ID_PATTERN } from '../tokenizer/model-manifest.js';
import { loadModel } from '../tokenizer/model-registry.js';

const cache = new Map<string, Promise<Codebooks>>();

/**
 * The codebooks of model `modelId` in `modelsDir`, read once per codebooks sha256 and kept. NOT_FOUND
 * when the model is not registered (external ids included) or has no codebooks; MODEL_MISMATCH when the audio was encoded by
 * other weights (`modelSha256`, where known) than the registered model's.
 */
export async function codebooksOfModel(modelsDir: string, modelId: string, modelSha256: string | null): Promise<Codebooks> {
  // Codes ingested under an external id (external:qwen3-tts-tokenizer-12hz by default) name no registered model.
  if (!MODEL_ID_PATTERN.test(modelId)) {
    throw notFound(`no model '${modelId}' is registered, so it has no codebooks (an id of ingested codes, not a registry id)`, { model: modelId });
  }
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

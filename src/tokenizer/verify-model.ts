import { performance } from 'node:perf_hooks';
import { SAMPLE_RATE } from '../domain/contract.js';
import type { DeviceRequest } from './execution-device.js';
import { loadModel } from './model-registry.js';
import { openTokenizer } from './open-tokenizer.js';
import type { ModelInfo } from './tokenizer.js';

/** What `verifyModel` checked and measured. */
export interface ModelVerification {
  readonly model: ModelInfo;
  /** Frames 1 s of silence encoded to (13). */
  readonly frames: number;
  /** Wall time of that encode after warm-up, in milliseconds. */
  readonly encodeMs: number;
}

/**
 * Rechecks a registered model: manifest fields, the ONNX file's sha256, its layout and tensor
 * names against the manifest, and a 1-second silent encode on the requested device.
 */
export async function verifyModel(modelsDir: string, id: string, options: { readonly device?: DeviceRequest; readonly threads?: number } = {}): Promise<ModelVerification> {
  const tokenizer = await openTokenizer(await loadModel(modelsDir, id), { ...options, checkSha256: true, warmUp: true });
  try {
    const start = performance.now();
    const codes = await tokenizer.encode(new Float32Array(SAMPLE_RATE));
    return { model: tokenizer.model, frames: codes.frames, encodeMs: performance.now() - start };
  } finally {
    await tokenizer.close();
  }
}

import { copyFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { OnnxDecoderSpec } from '../tokenizer/decoder-spec.js';
import { writeManifest } from '../tokenizer/model-manifest.js';
import { loadModel } from '../tokenizer/model-registry.js';
import type { LoadedModel } from '../tokenizer/open-tokenizer.js';
import { inspectDecoderSpec, type DecoderSpecOptions } from './inspect-decoder.js';

/** The file name a copied decoder gets inside models/<id>/. */
export const DECODER_FILE = 'decoder.onnx';

/**
 * `tokenscope models add-decoder <id> <onnx>`: checks that the file is a decoder in a supported
 * layout (INVALID_MODEL naming what it found otherwise), then names it in the model's manifest,
 * copied into models/<id>/decoder.onnx when `copy` is set. Replaces a decoder the model had.
 */
export async function addModelDecoder(modelsDir: string, id: string, onnxPath: string, options: DecoderSpecOptions & { readonly copy?: boolean } = {}): Promise<{ model: LoadedModel; decoder: OnnxDecoderSpec }> {
  const model = await loadModel(modelsDir, id);
  const inspected = await inspectDecoderSpec(onnxPath, options);
  const decoder = options.copy ? { ...inspected, onnx: await copyInto(model.dir, inspected.onnx) } : inspected;
  const manifest = { ...model.manifest, decoder };
  await writeManifest(model.dir, manifest);
  return { model: { dir: model.dir, manifest }, decoder };
}

async function copyInto(dir: string, source: string): Promise<string> {
  const target = join(dir, DECODER_FILE);
  const partial = `${target}.partial`;
  try {
    await copyFile(source, partial);
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return DECODER_FILE;
}

/** Writes models/<id>/codebooks.npy from the centroids stored in the built model.onnx, checked against the trained ones. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODEBOOK_SIZE, LAYER_COUNT } from '../../src/domain/contract.js';
import { makeCodebooks, codebooksNpyBytes } from '../../src/codebooks/codebooks-npy.js';
import { CODEBOOKS_FILE } from '../../src/tokenizer/model-codebooks.js';
import { FEATURE_DIM } from './front-end.js';
import { readEncoderWeights } from './read-weights.js';

/**
 * Reads the 16 codebooks back out of `onnxBytes` (the graph's −2·Cᵀ initialisers × −0.5, exact), checks
 * them bit for bit against `trained` when given, writes `<outDir>/codebooks.npy` and returns the manifest fields.
 */
export function writeReferenceCodebooks(outDir: string, onnxBytes: Uint8Array, trained?: readonly Float32Array[]): { codebooks: string; codebooksSha256: string } {
  const fromOnnx = readEncoderWeights(onnxBytes).codebooks;
  const vectors = new Float32Array(LAYER_COUNT * CODEBOOK_SIZE * FEATURE_DIM);
  fromOnnx.forEach((c, i) => {
    if (trained !== undefined && !c.every((v, j) => Object.is(v, trained[i]![j]))) throw new Error(`codebook ${i + 1}: the ONNX initialiser differs from the trained codebook`);
    vectors.set(c, i * CODEBOOK_SIZE * FEATURE_DIM);
  });
  const codebooks = makeCodebooks(LAYER_COUNT, CODEBOOK_SIZE, FEATURE_DIM, vectors);
  writeFileSync(join(outDir, CODEBOOKS_FILE), codebooksNpyBytes(LAYER_COUNT, CODEBOOK_SIZE, FEATURE_DIM, vectors));
  return { codebooks: CODEBOOKS_FILE, codebooksSha256: codebooks.sha256 };
}

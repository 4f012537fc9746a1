import { CODEBOOK_SIZE, LAYER_COUNT } from '../domain/contract.js';
import type { Codebooks } from './codebooks.js';
import { invalidModel } from './codebooks.js';
import { makeCodebooks } from './codebooks-npy.js';
import type { SafetensorsFile } from './safetensors.js';

/*
 * Where the names come from: QwenLM/Qwen3-TTS, qwen_tts/core/tokenizer_12hz/
 * modeling_qwen3_tts_tokenizer_v2.py (read at commit 0d4fb26b). `Qwen3TTSTokenizerV2Model.decoder`
 * is a `Qwen3TTSTokenizerV2Decoder` whose `quantizer` is a `SplitResidualVectorQuantizer(
 * dimension = codebook_dim // 2, n_q = num_quantizers, n_q_semantic = 1, bins = codebook_size,
 * input_dimension = output_dimension = codebook_dim)`: `rvq_first` holds the semantic layer 1,
 * `rvq_rest` the acoustic layers 2..16, each a `ResidualVectorQuantizer` built with
 * `force_projection=True`. Hence, with the 12 Hz config (codebook_dim 512 → dimension 256):
 *
 *   decoder.quantizer.rvq_first.vq.layers.0._codebook.embedding_sum      [2048, 256]
 *   decoder.quantizer.rvq_first.vq.layers.0._codebook.cluster_usage      [2048]
 *   decoder.quantizer.rvq_first.output_proj.weight                       [512, 256, 1]  (Conv1d k=1, no bias)
 *   decoder.quantizer.rvq_rest.vq.layers.{0..14}._codebook.embedding_sum [2048, 256]
 *   decoder.quantizer.rvq_rest.vq.layers.{0..14}._codebook.cluster_usage [2048]
 *   decoder.quantizer.rvq_rest.output_proj.weight                        [512, 256, 1]
 *
 * `EuclideanCodebook.decode` uses embedding = embedding_sum / cluster_usage.clamp(min=1e-5)[:, None];
 * `VectorQuantization.project_out` is the identity (codebook_dim == dim there); `decode` sums the layers of
 * each group, applies that group's output_proj, and adds the two groups. Because the two groups have
 * different projections, one D → D' matrix after the sum cannot express it: each layer's vectors are
 * stored already projected (W_group · embedding, D = 512), so that the sum over layers equals
 * `quantizer.decode(codes)` and partial sums are those of the decoder's own input space.
 * The arithmetic here is float64 rounded to float32 once; PyTorch's float32 path can differ in the last bits.
 */

/** The prefix of the decoder's quantizer tensors in the official checkpoint. */
export const QWEN_QUANTIZER_PREFIX = 'decoder.quantizer.';

/** The epsilon of the official EuclideanCodebook (cluster_usage is clamped to at least this). */
export const QWEN_CLUSTER_USAGE_EPSILON = 1e-5;

const codebookName = (group: 'rvq_first' | 'rvq_rest', layer: number, tensor: 'embedding_sum' | 'cluster_usage') =>
  `${QWEN_QUANTIZER_PREFIX}${group}.vq.layers.${layer}._codebook.${tensor}`;
const projectionName = (group: 'rvq_first' | 'rvq_rest') => `${QWEN_QUANTIZER_PREFIX}${group}.output_proj.weight`;

function countLayers(file: SafetensorsFile, group: 'rvq_first' | 'rvq_rest'): number {
  let n = 0;
  while (file.tensors.has(codebookName(group, n, 'embedding_sum'))) n++;
  return n;
}

function shapeOf(file: SafetensorsFile, name: string, expected: readonly (number | undefined)[]): readonly number[] {
  const info = file.tensors.get(name);
  if (info === undefined) throw invalidModel(`${name}: expected this tensor in the Qwen3-TTS-Tokenizer-12Hz checkpoint; it is missing`, { tensor: name });
  const fits = info.shape.length === expected.length && expected.every((d, i) => d === undefined || d === info.shape[i]);
  if (!fits) {
    const want = expected.map((d) => d ?? '·').join(', ');
    throw invalidModel(`${name}: expected shape [${want}]; received [${info.shape.join(', ')}]`, { tensor: name, shape: [...info.shape] });
  }
  return info.shape;
}

/** Reads the 16 codebooks of the official Qwen3-TTS-Tokenizer-12Hz checkpoint, projected to the decoder's space. */
export async function readQwenCodebooks(file: SafetensorsFile): Promise<Codebooks> {
  const first = countLayers(file, 'rvq_first');
  const rest = countLayers(file, 'rvq_rest');
  if (first !== 1 || first + rest !== LAYER_COUNT) {
    throw invalidModel(`${QWEN_QUANTIZER_PREFIX}rvq_first/rvq_rest: expected 1 semantic + ${LAYER_COUNT - 1} acoustic layers; received ${first} + ${rest}`, { first, rest });
  }
  const [outDim, dim] = shapeOf(file, projectionName('rvq_first'), [undefined, undefined, 1]) as [number, number];
  shapeOf(file, projectionName('rvq_rest'), [outDim, dim, 1]);
  const projections = { rvq_first: await file.readFloat32(projectionName('rvq_first')), rvq_rest: await file.readFloat32(projectionName('rvq_rest')) };
  const vectors = new Float32Array(LAYER_COUNT * CODEBOOK_SIZE * outDim);
  const embedding = new Float64Array(dim);
  for (let layer = 1; layer <= LAYER_COUNT; layer++) {
    const group = layer === 1 ? 'rvq_first' : 'rvq_rest';
    const index = layer === 1 ? 0 : layer - 2;
    const sumName = codebookName(group, index, 'embedding_sum');
    const usageName = codebookName(group, index, 'cluster_usage');
    shapeOf(file, sumName, [CODEBOOK_SIZE, dim]);
    shapeOf(file, usageName, [CODEBOOK_SIZE]);
    const sums = await file.readFloat32(sumName);
    const usage = await file.readFloat32(usageName);
    const w = projections[group];
    for (let t = 0; t < CODEBOOK_SIZE; t++) {
      const divisor = Math.max(usage[t]!, QWEN_CLUSTER_USAGE_EPSILON);
      for (let d = 0; d < dim; d++) embedding[d] = Math.fround(sums[t * dim + d]! / divisor);
      const at = ((layer - 1) * CODEBOOK_SIZE + t) * outDim;
      for (let r = 0; r < outDim; r++) {
        let s = 0;
        for (let d = 0; d < dim; d++) s += w[r * dim + d]! * embedding[d]!;
        vectors[at + r] = s;
      }
    }
  }
  return makeCodebooks(LAYER_COUNT, CODEBOOK_SIZE, outDim, vectors);
}

/**
 * The whole reference encoder as one ONNX graph (layout "c"): `audio` float32 [1, T] →
 * `codes` int64 [1, N, 16], N = ceil(T / 1920). Front end (front-end.ts), then a 16-stage residual
 * vector quantiser: per stage, score = ‖c‖² − 2 r·c for every centroid c (‖r‖² is the same for all
 * and dropped), token = index of the smallest score (the lower index on ties), r ← r − c[token].
 */
import { CODEBOOK_SIZE, LAYER_COUNT } from '../../src/domain/contract.js';
import { OnnxGraphBuilder } from '../../src/onnx/graph-builder.js';
import { FEATURE_DIM, addFrontEnd } from './front-end.js';
import type { FeatureNormalisation } from './front-end.js';
import { NamedGraph } from './graph-names.js';

/** Graph input name: mono 24 kHz float32 samples, shape [1, T]. */
export const INPUT_NAME = 'audio';
/** Graph output name: int64 tokens, shape [1, N, 16], frame-major. */
export const OUTPUT_NAME = 'codes';
/** ONNX opset the graph targets (DFT needs ≥ 17; ReduceSumSquare keeps `axes` as an attribute up to 17). */
export const OPSET = 17;

/** Trained parameters: the standardisation and 16 codebooks of 2048 × FEATURE_DIM, row-major. */
export interface EncoderWeights {
  readonly norm: FeatureNormalisation;
  readonly codebooks: readonly Float32Array[];
}

/** Precomputes −2·Cᵀ ([D, K]) and ‖c‖² ([K]) so the model does no weight arithmetic at load. */
export function scoringTerms(codebook: Float32Array, dim: number): { minusTwoT: Float32Array; squaredNorms: Float32Array } {
  const k = codebook.length / dim;
  const minusTwoT = new Float32Array(dim * k);
  const squaredNorms = new Float32Array(k);
  for (let c = 0; c < k; c++) {
    let sum = 0;
    for (let d = 0; d < dim; d++) {
      const v = codebook[c * dim + d]!;
      minusTwoT[d * k + c] = -2 * v;
      sum += v * v;
    }
    squaredNorms[c] = sum;
  }
  return { minusTwoT, squaredNorms };
}

/** Serialises the encoder with `weights` as ONNX bytes; `docString` goes into the model. */
export function buildEncoderModel(weights: EncoderWeights, docString: string): Uint8Array {
  if (weights.codebooks.length !== LAYER_COUNT) {
    throw new RangeError(`codebooks: expected ${LAYER_COUNT}, got ${weights.codebooks.length}`);
  }
  const builder = new OnnxGraphBuilder('tokenscope_reference_encoder');
  const g = new NamedGraph(builder);
  builder.input(INPUT_NAME, 'float32', [1, 'T']);
  let residual = addFrontEnd(g, INPUT_NAME, weights.norm);
  const columns: string[] = [];
  const axis1 = g.i64([1], [1], 'axis1');
  const one = g.i64([1], [1], 'k1');
  const minusHalf = g.f32([-0.5], [], 'minus_half');
  weights.codebooks.forEach((codebook, stage) => {
    const { minusTwoT, squaredNorms } = scoringTerms(codebook, FEATURE_DIM);
    const weightsName = g.f32(minusTwoT, [FEATURE_DIM, CODEBOOK_SIZE], `codebook${stage + 1}_minus_two_t`);
    const product = g.op('MatMul', [residual, weightsName], {}, `dot${stage + 1}`);
    const score = g.op('Add', [product, g.f32(squaredNorms, [CODEBOOK_SIZE], `codebook${stage + 1}_squared_norms`)], {}, `score${stage + 1}`);
    // TopK(k=1, smallest) is ArgMin at about half of onnxruntime's ArgMin cost; on ties it keeps the
    // lower index, and the trained codebooks hold no duplicate rows.
    const [, column] = g.opN('TopK', [score, one], 2, { axis: 1, largest: 0, sorted: 1 }, `nearest${stage + 1}`);
    columns.push(column!);
    const token = g.op('Squeeze', [column!, axis1], {}, `token${stage + 1}`);
    if (stage < LAYER_COUNT - 1) {
      // The codebook is stored once, as −2·Cᵀ; ×(−0.5) recovers the centroid exactly (powers of two).
      const picked = g.op('Gather', [weightsName, token], { axis: 1 }, `picked${stage + 1}`);
      const chosen = g.op('Mul', [g.op('Transpose', [picked], { perm: [1, 0] }), minusHalf], {}, `chosen${stage + 1}`);
      residual = g.op('Sub', [residual, chosen], {}, `residual${stage + 1}`);
    }
  });
  const stacked = g.op('Concat', columns, { axis: 1 }, 'tokens');
  const codes = g.op('Unsqueeze', [stacked, g.i64([0], [1], 'axis0')], {}, 'codes_batched');
  builder.node('Identity', [codes], [OUTPUT_NAME], {}, { name: 'Identity_codes' });
  builder.output(OUTPUT_NAME, 'int64', [1, 'N', LAYER_COUNT]);
  return builder.toBytes(OPSET, { producerName: 'tokenscope build:model', docString });
}

/** Serialises the front end alone (`audio` [1, T] → `features` [N, FEATURE_DIM], unstandardised). */
export function buildFrontEndModel(norm?: FeatureNormalisation): Uint8Array {
  const builder = new OnnxGraphBuilder('tokenscope_reference_front_end');
  const g = new NamedGraph(builder);
  builder.input(INPUT_NAME, 'float32', [1, 'T']);
  const features = addFrontEnd(g, INPUT_NAME, norm);
  builder.node('Identity', [features], ['features'], {}, { name: 'Identity_features' });
  builder.output('features', 'float32', ['N', FEATURE_DIM]);
  return builder.toBytes(OPSET);
}

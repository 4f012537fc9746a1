/** Reads the trained weights back out of a built model.onnx (for evaluation and tests of the build). */
import { LAYER_COUNT } from '../../src/domain/contract.js';
import { onnx } from '../../src/onnx/onnx-proto.js';
import type { EncoderWeights } from './encoder-graph.js';
import { FEATURE_DIM } from './front-end.js';

function floats(tensor: { rawData?: Uint8Array | null; name?: string | null }): Float32Array {
  const raw = tensor.rawData;
  if (!raw) throw new Error(`initializer ${tensor.name}: expected raw_data`);
  // protobufjs hands out Buffer views into the whole file: copy the bytes out before reinterpreting.
  return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

/** The standardisation and the 16 codebooks ([2048, FEATURE_DIM] row-major) stored in `bytes`. */
export function readEncoderWeights(bytes: Uint8Array): EncoderWeights {
  const initializers = onnx.ModelProto.decode(bytes).graph?.initializer ?? [];
  const find = (prefix: string) => {
    const t = initializers.find((i) => (i.name ?? '').startsWith(prefix));
    if (!t) throw new Error(`model has no initializer named ${prefix}*`);
    return floats(t);
  };
  const codebooks = Array.from({ length: LAYER_COUNT }, (_, i) => {
    const minusTwoT = find(`codebook${i + 1}_minus_two_t_`);
    const k = minusTwoT.length / FEATURE_DIM;
    const c = new Float32Array(k * FEATURE_DIM);
    for (let d = 0; d < FEATURE_DIM; d++) for (let j = 0; j < k; j++) c[j * FEATURE_DIM + d] = minusTwoT[d * k + j]! * -0.5;
    return c;
  });
  return { norm: { mean: find('feature_mean_'), invStd: find('feature_inv_std_') }, codebooks };
}

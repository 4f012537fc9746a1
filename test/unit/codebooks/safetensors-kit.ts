import { writeFile } from 'node:fs/promises';

/** One tensor for a synthetic .safetensors file: dtype, shape and its raw little-endian bytes. */
export interface TestTensor {
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly data: Uint8Array;
}

/** F32 little-endian bytes of `values`. */
export function f32(values: ArrayLike<number>): Uint8Array {
  const out = Buffer.alloc(values.length * 4);
  for (let i = 0; i < values.length; i++) out.writeFloatLE(values[i]!, i * 4);
  return out;
}

/** Writes a .safetensors file (u64 LE header length, JSON header, data) holding `tensors`. */
export async function writeSafetensors(path: string, tensors: Readonly<Record<string, TestTensor>>): Promise<void> {
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + t.data.length] };
    offset += t.data.length;
  }
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  await writeFile(path, Buffer.concat([length, json, ...Object.values(tensors).map((t) => Buffer.from(t.data))]));
}

/** Values of a synthetic Qwen checkpoint: embedding sums, usages and the two projections. */
export interface QwenFixture {
  /** Per layer 1..16 (index 0..15): 2048 × dim embedding sums. */
  readonly sums: Float32Array[];
  /** Per layer: 2048 cluster usages (some zero, to exercise the clamp). */
  readonly usages: Float32Array[];
  /** outDim × dim projections of the semantic and the acoustic group. */
  readonly first: Float32Array;
  readonly rest: Float32Array;
}

/** The tensors of the official checkpoint's decoder quantizer, named and shaped as the official code has them. */
export function qwenTensors(fx: QwenFixture, dim: number, outDim: number, acousticLayers = 15): Record<string, TestTensor> {
  const p = 'decoder.quantizer.';
  const out: Record<string, TestTensor> = {
    [`${p}rvq_first.output_proj.weight`]: { dtype: 'F32', shape: [outDim, dim, 1], data: f32(fx.first) },
    [`${p}rvq_rest.output_proj.weight`]: { dtype: 'F32', shape: [outDim, dim, 1], data: f32(fx.rest) },
    [`${p}rvq_first.input_proj.weight`]: { dtype: 'F32', shape: [dim, outDim, 1], data: f32(new Float32Array(dim * outDim)) },
  };
  for (let layer = 1; layer <= 1 + acousticLayers; layer++) {
    const base = layer === 1 ? `${p}rvq_first.vq.layers.0._codebook.` : `${p}rvq_rest.vq.layers.${layer - 2}._codebook.`;
    out[`${base}embedding_sum`] = { dtype: 'F32', shape: [2048, dim], data: f32(fx.sums[layer - 1]!) };
    out[`${base}cluster_usage`] = { dtype: 'F32', shape: [2048], data: f32(fx.usages[layer - 1]!) };
  }
  return out;
}

/**
 * The per-dimension standardisation a tokenscope-ref model applies before its quantiser
 * (feature ← (feature − mean) · invStd), read from the model's own ONNX initialisers. Codebook
 * vectors live in standardised units; the decoder needs raw features, so dequantized sums are
 * mapped back with x / invStd + mean.
 */
import { readFile } from 'node:fs/promises';
import { invalidModel } from '../../codebooks/codebooks.js';
import type { onnx as proto } from 'onnx-proto';
import { onnx } from '../../onnx/onnx-proto.js';
import { FEATURE_DIM } from './feature-layout.js';

/** Mean and 1 / standard deviation of each of the 72 raw features. */
export interface FeatureNormalisation {
  readonly mean: Float32Array;
  readonly invStd: Float32Array;
}

/** The float32 initializer whose name starts with `prefix` (the builder appends a counter). */
function initializer(model: proto.IModelProto, prefix: string, path: string): Float32Array {
  const tensor = (model.graph?.initializer ?? []).find((t) => (t.name ?? '').startsWith(prefix));
  const raw = tensor?.rawData;
  if (!tensor || !raw || raw.byteLength !== FEATURE_DIM * 4) {
    throw invalidModel(`${path}: expected a float32 initializer '${prefix}*' of ${FEATURE_DIM} values (a tokenscope-ref model); received ${tensor ? `${raw?.byteLength ?? 0} bytes` : 'none'}`, { path });
  }
  return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

/** The standardisation inside a tokenscope-ref model.onnx's bytes; INVALID_MODEL when it has none. */
export function parseReferenceNormalisation(bytes: Uint8Array, path: string): FeatureNormalisation {
  const model = onnx.ModelProto.decode(bytes);
  return { mean: initializer(model, 'feature_mean_', path), invStd: initializer(model, 'feature_inv_std_', path) };
}

/** Reads the standardisation of the tokenscope-ref model at `path` (its model.onnx). */
export async function readReferenceNormalisation(path: string): Promise<FeatureNormalisation> {
  return parseReferenceNormalisation(await readFile(path), path);
}

/** Standardised n × 72 features (such as dequantized sums) back in raw units, as a new array. */
export function destandardise(standardised: Float32Array, norm: FeatureNormalisation): Float32Array {
  const out = new Float32Array(standardised.length);
  for (let i = 0; i < standardised.length; i++) {
    const d = i % FEATURE_DIM;
    out[i] = standardised[i]! / norm.invStd[d]! + norm.mean[d]!;
  }
  return out;
}

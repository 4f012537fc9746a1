import type { CodeMatrix } from '../domain/code-matrix.js';
import { LAYER_COUNT } from '../domain/contract.js';
import { invalidArgument } from '../errors.js';
import type { Codebooks } from './codebooks.js';

/** Checks a "layers 1..k" count: an integer in 1..16. */
function checkLayerCount(layers: number): void {
  if (!Number.isInteger(layers) || layers < 1 || layers > LAYER_COUNT) {
    throw invalidArgument(`layers: expected an integer from 1 to ${LAYER_COUNT}; received ${layers}`, { layers });
  }
}

/**
 * Frame embeddings: for each frame, the sum of the vectors its tokens choose in layers 1..`layers`
 * (all 16 by default; fewer gives the RVQ's partial sum). Returns frames × D float32, frame-major.
 * Sums are accumulated in float64 and rounded once, so the result is the exact sum to float32 precision.
 */
export function dequantize(matrix: CodeMatrix, codebooks: Codebooks, layers: number = LAYER_COUNT): Float32Array {
  checkLayerCount(layers);
  const { dim, entries, vectors } = codebooks;
  const out = new Float32Array(matrix.frames * dim);
  const sum = new Float64Array(dim);
  for (let f = 0; f < matrix.frames; f++) {
    sum.fill(0);
    for (let l = 0; l < layers; l++) {
      const at = (l * entries + matrix.tokens[f * LAYER_COUNT + l]!) * dim;
      for (let d = 0; d < dim; d++) sum[d] += vectors[at + d]!;
    }
    out.set(sum, f * dim);
  }
  return out;
}

/** Applies a D → D' projection to frames × D embeddings; returns frames × D' float32. */
export function project(embeddings: Float32Array, codebooks: Codebooks): Float32Array {
  const p = codebooks.outputProjection;
  if (p === undefined) return embeddings;
  const { dim } = codebooks;
  const frames = embeddings.length / dim;
  const out = new Float32Array(frames * p.outputDim);
  for (let f = 0; f < frames; f++) {
    for (let r = 0; r < p.outputDim; r++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += p.weights[r * dim + d]! * embeddings[f * dim + d]!;
      out[f * p.outputDim + r] = s;
    }
  }
  return out;
}

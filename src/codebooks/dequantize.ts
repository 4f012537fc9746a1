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
  const { frames, tokens } = matrix;
  // Layer by layer over all frames: each sum still adds layers 1..layers in order, as one frame at a
  // time would, but the inner loop runs a quarter faster here than the frame-major one.
  const sum = new Float64Array(frames * dim);
  for (let l = 0; l < layers; l++) {
    const base = l * entries;
    for (let f = 0; f < frames; f++) {
      const at = (base + tokens[f * LAYER_COUNT + l]!) * dim;
      const to = f * dim;
      for (let d = 0; d < dim; d++) sum[to + d] += vectors[at + d]!;
    }
  }
  return Float32Array.from(sum);
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

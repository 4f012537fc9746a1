import type { CodeMatrix } from '../domain/code-matrix.js';
import { LAYER_COUNT } from '../domain/contract.js';
import type { Codebooks } from './codebooks.js';

/** Each layer's contribution: the squared norm of the vector it chose, per frame and averaged over frames. */
export interface LayerContribution {
  /** frames × 16 float64, frame-major: ‖c_L[token]‖² of frame f, layer L at [f * 16 + L - 1]. */
  readonly perFrame: Float64Array;
  /** 16 means over frames (0 for an empty matrix), layer L at [L - 1]. */
  readonly mean: Float64Array;
}

/** Squared norm of every codebook vector, layers × entries. */
function squaredNorms(codebooks: Codebooks): Float64Array {
  const { layers, entries, dim, vectors } = codebooks;
  const out = new Float64Array(layers * entries);
  for (let i = 0; i < out.length; i++) {
    let s = 0;
    for (let d = 0; d < dim; d++) s += vectors[i * dim + d]! ** 2;
    out[i] = s;
  }
  return out;
}

const cache = new WeakMap<Codebooks, Float64Array>();

/** ‖c_L[t]‖² of every entry, layer L token t at [(L - 1) * entries + t]; computed once per Codebooks and kept. */
export function codebookSquaredNorms(codebooks: Codebooks): Float64Array {
  let norms = cache.get(codebooks);
  if (norms === undefined) cache.set(codebooks, (norms = squaredNorms(codebooks)));
  return norms;
}

/** The residual energy each layer adds, per frame and averaged (the RVQ's per-stage ‖c‖²). */
export function layerContribution(matrix: CodeMatrix, codebooks: Codebooks): LayerContribution {
  const norms = codebookSquaredNorms(codebooks);
  const perFrame = new Float64Array(matrix.frames * LAYER_COUNT);
  const mean = new Float64Array(LAYER_COUNT);
  for (let f = 0; f < matrix.frames; f++) {
    for (let l = 0; l < LAYER_COUNT; l++) {
      const v = norms[l * codebooks.entries + matrix.tokens[f * LAYER_COUNT + l]!]!;
      perFrame[f * LAYER_COUNT + l] = v;
      mean[l]! += v;
    }
  }
  if (matrix.frames > 0) for (let l = 0; l < LAYER_COUNT; l++) mean[l]! /= matrix.frames;
  return { perFrame, mean };
}

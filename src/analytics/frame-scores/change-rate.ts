import { LAYER_COUNT } from '../../domain/contract.js';
import type { CodeMatrix } from '../../domain/code-matrix.js';
import { layerIndices } from '../layer-selection.js';

/**
 * Per frame, how many of `layers` (numbers 1..16) hold a different token than in the frame
 * before; frame 0 has no predecessor and scores 0. Unit: layers (0..layers.length).
 */
export function changeRate(matrix: CodeMatrix, layers: readonly number[]): Float64Array {
  const indices = layerIndices(layers);
  const { tokens, frames } = matrix;
  const out = new Float64Array(frames);
  for (let f = 1; f < frames; f++) {
    const base = f * LAYER_COUNT;
    let changed = 0;
    for (const i of indices) if (tokens[base + i] !== tokens[base - LAYER_COUNT + i]) changed++;
    out[f] = changed;
  }
  return out;
}

import { LAYER_COUNT } from '../../domain/contract.js';
import type { CodeMatrix } from '../../domain/code-matrix.js';
import { KEY_LAYERS, layerIndices } from '../layer-selection.js';

/**
 * Per-frame population variance (ddof 0) of the tokens across `layers` (numbers 1..16, default
 * the key layers 10–14): the guide's `np.var(codes[9:14], axis=0)`, one score per frame (token²).
 */
export function keyLayerVariance(matrix: CodeMatrix, layers: readonly number[] = KEY_LAYERS): Float64Array {
  const indices = layerIndices(layers);
  const k = indices.length;
  const { tokens, frames } = matrix;
  const out = new Float64Array(frames);
  for (let f = 0; f < frames; f++) {
    const base = f * LAYER_COUNT;
    // Same two passes as numpy's _var: exact integer sum / k, then squared deviations summed
    // in layer order (numpy reduces axis 0 of a 16 × N array row by row), then / k.
    let sum = 0;
    for (const i of indices) sum += tokens[base + i]!;
    const mean = sum / k;
    let squares = 0;
    for (const i of indices) {
      const d = tokens[base + i]! - mean;
      squares += d * d;
    }
    out[f] = squares / k;
  }
  return out;
}

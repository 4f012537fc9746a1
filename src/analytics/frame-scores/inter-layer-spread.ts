import { ALL_LAYERS } from '../../domain/contract.js';
import type { CodeMatrix } from '../../domain/code-matrix.js';
import { keyLayerVariance } from './key-layer-variance.js';

/**
 * Per-frame population standard deviation (ddof 0) of the tokens across `layers` (numbers 1..16,
 * default all 16): the guide's §5.1 `np.std(codes, axis=0)`, one score per frame (token units).
 * High for coughs and sneezes, moderate but persistent for electrical noise, low for steady speech.
 */
export function interLayerSpread(matrix: CodeMatrix, layers: readonly number[] = ALL_LAYERS): Float64Array {
  // np.std is sqrt(np.var); Math.sqrt is correctly rounded, as numpy's is, so the bits agree.
  const out = keyLayerVariance(matrix, layers);
  for (let f = 0; f < out.length; f++) out[f] = Math.sqrt(out[f]!);
  return out;
}

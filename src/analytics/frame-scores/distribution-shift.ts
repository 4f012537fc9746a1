import { CODEBOOK_SIZE, LAYER_COUNT, layerIndex } from '../../domain/contract.js';
import type { CodeMatrix } from '../../domain/code-matrix.js';
import { invalidArgument } from '../../errors.js';
import type { ReferenceCounts } from '../reference-counts.js';
import { jsdTerm } from './jsd-term.js';

/**
 * Per frame, the Jensen–Shannon divergence in bits (0..1) between the token distribution of the
 * window of `window` frames (odd) centred on it and the reference's distribution, per layer,
 * averaged over `layers`. Near the ends the window is cut to the audio. Neither side is smoothed:
 * JSD stays finite when one side lacks a token, and pseudo-counts for 2048 tokens would swamp a
 * 25-frame window. The sum over tokens is kept up to date as the window slides (O(1) a frame).
 */
export function distributionShift(matrix: CodeMatrix, reference: ReferenceCounts, layers: readonly number[], window: number): Float64Array {
  if (!(Number.isInteger(window) && window >= 1 && window % 2 === 1)) {
    throw invalidArgument(`window must be an odd number of frames ≥ 1; received ${String(window)}`, { argument: 'window', received: window });
  }
  const { tokens, frames } = matrix;
  const half = (window - 1) / 2;
  const out = new Float64Array(frames);
  const counts = new Uint32Array(CODEBOOK_SIZE);
  for (const layer of layers) {
    const li = layerIndex(layer);
    const histogram = reference.perLayer[li]!;
    let total = 0;
    for (let t = 0; t < CODEBOOK_SIZE; t++) total += histogram[t]!;
    if (!(total > 0)) throw invalidArgument(`reference holds no tokens in layer ${layer}`, { layer });
    const q = (token: number): number => histogram[token]! / total;
    const at = (frame: number): number => tokens[frame * LAYER_COUNT + li]!;
    counts.fill(0);
    let lo = 0;
    let hi = 0; // the window is frames [lo, hi)
    let size = 0;
    let sum = 0; // Σ over tokens present in the window of jsdTerm(count / size, q)
    for (let f = 0; f < frames; f++) {
      const newLo = Math.max(0, f - half);
      const newHi = Math.min(frames, f + half + 1);
      if (newLo === lo && newHi === hi) {
        // An audio shorter than the window: every frame sees all of it.
      } else if (newHi - newLo === size) {
        // Same size: one frame leaves, one enters; only their two terms change.
        for (const [frame, step] of [[lo, -1], [hi, 1]] as const) {
          const token = at(frame);
          sum -= jsdTerm(counts[token]! / size, q(token));
          counts[token]! += step;
          sum += jsdTerm(counts[token]! / size, q(token));
        }
      } else {
        // The size changed (the ends of the audio): every term changes, so recount the window.
        for (let g = lo; g < hi; g++) counts[at(g)]!--;
        size = newHi - newLo;
        for (let g = newLo; g < newHi; g++) counts[at(g)]!++;
        sum = 0;
        for (let g = newLo; g < newHi; g++) {
          const token = at(g);
          if (counts[token]! > 0 && firstInWindow(g, newLo, at)) sum += jsdTerm(counts[token]! / size, q(token));
        }
      }
      lo = newLo;
      hi = newHi;
      // Tokens absent from the window each add q/2, i.e. ½ in all less what the present ones hold.
      out[f] = out[f]! + Math.max(0, 0.5 + sum);
    }
    for (let g = lo; g < hi; g++) counts[at(g)]!--;
  }
  for (let f = 0; f < frames; f++) out[f] = out[f]! / layers.length;
  return out;
}

/** True when frame g holds the first occurrence of its token in [lo, g]. */
function firstInWindow(g: number, lo: number, at: (frame: number) => number): boolean {
  const token = at(g);
  for (let h = lo; h < g; h++) if (at(h) === token) return false;
  return true;
}

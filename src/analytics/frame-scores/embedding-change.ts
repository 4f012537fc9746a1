import type { Codebooks } from '../../codebooks/codebooks.js';
import { dequantize } from '../../codebooks/dequantize.js';
import type { CodeMatrix } from '../../domain/code-matrix.js';
import { robustStandardise } from '../robust-standardise.js';

/**
 * Onset score of each frame f: the Euclidean distance between the mean embedding (layers
 * 1..`layers`, no output projection) of frames f − window .. f − 1 and that of frames f .. f +
 * window − 1, both cut at the ends of the audio; frame 0, with nothing before it, gets distance 0.
 * The distances are then robust z-scores within the matrix (see robustStandardise).
 */
export function embeddingChange(matrix: CodeMatrix, codebooks: Codebooks, layers: number, window: number): Float64Array {
  const { dim } = codebooks;
  const frames = matrix.frames;
  const embeddings = dequantize(matrix, codebooks, layers);
  // prefix[f * dim + d]: sum of dimension d over frames 0..f − 1, so any span's mean is two lookups.
  const prefix = new Float64Array((frames + 1) * dim);
  for (let f = 0; f < frames; f++) {
    for (let d = 0; d < dim; d++) prefix[(f + 1) * dim + d] = prefix[f * dim + d]! + embeddings[f * dim + d]!;
  }
  const distances = new Float64Array(frames);
  for (let f = 1; f < frames; f++) {
    const lo = Math.max(0, f - window);
    const hi = Math.min(frames, f + window);
    let squared = 0;
    for (let d = 0; d < dim; d++) {
      const before = (prefix[f * dim + d]! - prefix[lo * dim + d]!) / (f - lo);
      const after = (prefix[hi * dim + d]! - prefix[f * dim + d]!) / (hi - f);
      squared += (after - before) ** 2;
    }
    distances[f] = Math.sqrt(squared);
  }
  return robustStandardise(distances);
}

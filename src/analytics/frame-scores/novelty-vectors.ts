import type { Codebooks } from '../../codebooks/codebooks.js';
import { dequantize } from '../../codebooks/dequantize.js';
import type { CodeMatrix } from '../../domain/code-matrix.js';
import { contextMean } from './context-mean.js';
import { subtractFileMedian } from './subtract-file-median.js';

/** How a frame becomes the vector the novelty score measures. */
export interface NoveltyVectorOptions {
  /** Layers 1..layers whose codebook vectors are summed (the RVQ partial sum), 1..16. */
  readonly layers: number;
  /** Frames averaged on each side of a frame (0: the frame alone; 2: five frames, 400 ms). */
  readonly context: number;
  /** `fileMedian` subtracts the file's per-dimension median before averaging; `none` keeps the embeddings as they are. */
  readonly centring: 'fileMedian' | 'none';
}

/**
 * Frames × D context vectors of one matrix: the dequantized embeddings (no output projection),
 * centred on the file's median when asked, then averaged over ±context frames. Reference and
 * scored audio go through the same steps.
 */
export function noveltyVectors(matrix: CodeMatrix, codebooks: Codebooks, options: NoveltyVectorOptions): Float64Array {
  const embeddings = Float64Array.from(dequantize(matrix, codebooks, options.layers));
  if (options.centring === 'fileMedian') subtractFileMedian(embeddings, codebooks.dim);
  return contextMean(embeddings, codebooks.dim, options.context);
}

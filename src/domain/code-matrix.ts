import { LAYER_COUNT, layerIndex } from './contract.js';

/**
 * An N × 16 code matrix held frame-major (the official tokenizer's orientation):
 * the token of frame f and layer L (1..16) is `tokens[f * 16 + (L - 1)]`.
 * Tokens are validated to 0..2047 before a CodeMatrix is built.
 */
export interface CodeMatrix {
  /** Number of frames N (12.5 per second). */
  readonly frames: number;
  /** Frame-major tokens, length frames × 16. */
  readonly tokens: Uint16Array;
}

/** Builds a CodeMatrix from frame-major tokens that have already been validated. */
export function codeMatrix(tokens: Uint16Array): CodeMatrix {
  if (tokens.length % LAYER_COUNT !== 0) {
    throw new RangeError(`tokens length ${tokens.length} is not a multiple of ${LAYER_COUNT}`);
  }
  return { frames: tokens.length / LAYER_COUNT, tokens };
}

/** Token at frame `frame` (0-based) and layer `layer` (1..16). */
export function tokenAt(matrix: CodeMatrix, frame: number, layer: number): number {
  return matrix.tokens[frame * LAYER_COUNT + layerIndex(layer)]!;
}

/** One layer's tokens over all frames, as a new array (layer 1..16). */
export function layerRow(matrix: CodeMatrix, layer: number): Uint16Array {
  const out = new Uint16Array(matrix.frames);
  const li = layerIndex(layer);
  for (let f = 0; f < matrix.frames; f++) out[f] = matrix.tokens[f * LAYER_COUNT + li]!;
  return out;
}

/** Frames [start, end) of a matrix, sharing no memory with it. */
export function sliceFrames(matrix: CodeMatrix, start: number, end: number): CodeMatrix {
  return codeMatrix(matrix.tokens.slice(start * LAYER_COUNT, end * LAYER_COUNT));
}

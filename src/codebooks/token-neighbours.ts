import { CODEBOOK_SIZE, LAYER_COUNT } from '../domain/contract.js';
import { invalidArgument } from '../errors.js';
import type { Codebooks } from './codebooks.js';
import { codebookVector } from './codebooks.js';

/** Most neighbours one lookup returns. */
export const MAX_NEIGHBOURS = 100;

/** An entry of a codebook near a token's vector. */
export interface TokenNeighbour {
  /** The neighbour's token id, 0..2047. */
  token: number;
  /** Euclidean distance between the two vectors (embedding units). */
  distance: number;
  /** Cosine of the angle between them, −1..1; null when either vector is zero. */
  cosineSimilarity: number | null;
}

function checkInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalidArgument(`${name}: expected an integer from ${min} to ${max}; received ${value}`, { argument: name, value });
  }
}

/** INVALID_ARGUMENT naming layer (1..16), token (0..2047) or k (1..100) when out of range. */
export function checkNeighbourArguments(layer: number, token: number, k: number): void {
  checkInteger('layer', layer, 1, LAYER_COUNT);
  checkInteger('token', token, 0, CODEBOOK_SIZE - 1);
  checkInteger('k', k, 1, MAX_NEIGHBOURS);
}

/**
 * The `k` entries of layer `layer`'s codebook nearest to token `token`'s vector, by Euclidean
 * distance (float64), nearest first, ties by lower token id; the token itself is left out (an
 * identical vector under another id is not). INVALID_ARGUMENT naming layer (1..16), token (0..2047)
 * or k (1..100) when out of range.
 */
export function tokenNeighbours(codebooks: Codebooks, layer: number, token: number, k: number): TokenNeighbour[] {
  checkNeighbourArguments(layer, token, k);
  const { dim, entries } = codebooks;
  const x = codebookVector(codebooks, layer, token);
  let xx = 0;
  for (let d = 0; d < dim; d++) xx += x[d]! * x[d]!;
  const squared = new Float64Array(entries);
  const dots = new Float64Array(entries);
  const norms = new Float64Array(entries);
  for (let t = 0; t < entries; t++) {
    const y = codebookVector(codebooks, layer, t);
    let s = 0;
    let xy = 0;
    let yy = 0;
    for (let d = 0; d < dim; d++) {
      const diff = x[d]! - y[d]!;
      s += diff * diff;
      xy += x[d]! * y[d]!;
      yy += y[d]! * y[d]!;
    }
    squared[t] = s;
    dots[t] = xy;
    norms[t] = yy;
  }
  const order = Array.from({ length: entries }, (_, t) => t).filter((t) => t !== token);
  order.sort((a, b) => squared[a]! - squared[b]! || a - b);
  return order.slice(0, k).map((t) => ({
    token: t,
    distance: Math.sqrt(squared[t]!),
    cosineSimilarity: xx > 0 && norms[t]! > 0 ? Math.max(-1, Math.min(1, dots[t]! / Math.sqrt(xx * norms[t]!))) : null,
  }));
}

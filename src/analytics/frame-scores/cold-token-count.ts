import { ALL_LAYERS, LAYER_COUNT } from '../../domain/contract.js';
import type { CodeMatrix } from '../../domain/code-matrix.js';
import { invalidArgument } from '../../errors.js';
import { layerIndices } from '../layer-selection.js';
import type { ReferenceCounts } from '../reference-counts.js';

/**
 * Per frame, how many of its tokens over `layers` (numbers 1..16, default all) are cold: seen at
 * most `maxReferenceCount` times in that layer of the reference corpus (0 = never seen there).
 * The guide's §5.2 "cold tokens" that normal speech almost never uses; score unit is tokens.
 */
export function coldTokenCount(
  matrix: CodeMatrix,
  reference: ReferenceCounts,
  layers: readonly number[] = ALL_LAYERS,
  maxReferenceCount = 0,
): Float64Array {
  if (!(Number.isFinite(maxReferenceCount) && maxReferenceCount >= 0)) {
    throw invalidArgument(`maxReferenceCount must be a count ≥ 0; received ${String(maxReferenceCount)}`, {
      argument: 'maxReferenceCount',
      received: maxReferenceCount,
    });
  }
  const indices = layerIndices(layers);
  // One cold/warm flag per (layer, token) up front keeps the per-frame loop to table lookups.
  const cold = indices.map((i) => {
    const histogram = reference.perLayer[i]!;
    return Uint8Array.from({ length: histogram.length }, (_, t) => (histogram[t]! <= maxReferenceCount ? 1 : 0));
  });
  const { tokens, frames } = matrix;
  const out = new Float64Array(frames);
  for (let f = 0; f < frames; f++) {
    const base = f * LAYER_COUNT;
    let count = 0;
    for (let j = 0; j < indices.length; j++) count += cold[j]![tokens[base + indices[j]!]!]!;
    out[f] = count;
  }
  return out;
}

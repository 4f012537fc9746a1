import { isLayerNumber, layerIndex } from '../domain/contract.js';
import { invalidArgument } from '../errors.js';

/** The guide's key layers 10–14 (numpy `codes[9:14]`), where coughs show as token jumps. */
export const KEY_LAYERS: readonly number[] = [10, 11, 12, 13, 14];

/**
 * Array indices (0..15, ascending) of a layer selection given as layer numbers 1..16.
 * Throws INVALID_ARGUMENT, naming `argument`, for an empty list, a number outside 1..16 or a repeat.
 */
export function layerIndices(layers: readonly number[], argument = 'layers'): number[] {
  if (layers.length === 0) {
    throw invalidArgument(`${argument} must list at least one layer number 1..16; received an empty list`, {
      argument,
    });
  }
  const seen = new Set<number>();
  for (const layer of layers) {
    if (!isLayerNumber(layer)) {
      throw invalidArgument(`${argument} must hold integer layer numbers 1..16; received ${String(layer)}`, {
        argument,
        received: layer,
      });
    }
    if (seen.has(layer)) {
      throw invalidArgument(`${argument} must not repeat a layer; layer ${layer} appears twice`, {
        argument,
        received: layer,
      });
    }
    seen.add(layer);
  }
  // Ascending order fixes the summation order, so a selection always gives the same bits.
  return [...seen].sort((a, b) => a - b).map(layerIndex);
}

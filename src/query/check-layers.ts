import { ALL_LAYERS, LAYER_COUNT, isLayerNumber } from '../domain/contract.js';
import { invalidArgument } from '../errors.js';

/** Validates a user's layer list (1..16, no duplicates), ascending; all layers when absent or null. */
export function checkLayers(layers: readonly number[] | null | undefined, argument = 'layers'): number[] {
  if (layers === null || layers === undefined) return [...ALL_LAYERS];
  if (!layers.length) throw invalidArgument(`${argument} must name at least one layer (1..${LAYER_COUNT}); received an empty list`, { argument });
  const bad = layers.find((l) => !isLayerNumber(l));
  if (bad !== undefined) throw invalidArgument(`${argument}: layer ${bad} is outside 1..${LAYER_COUNT}`, { argument, value: bad });
  const unique = [...new Set(layers)];
  if (unique.length !== layers.length) throw invalidArgument(`${argument} lists a layer twice: ${layers.join(', ')}`, { argument, value: layers });
  return unique.sort((a, b) => a - b);
}

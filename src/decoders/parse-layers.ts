import { LAYER_COUNT } from '../domain/contract.js';
import { invalidArgument } from '../errors.js';
import { checkLayers } from './check-request.js';

/**
 * Parses a layer selection as the CLI takes it: `1-8` (layers 1..8, the coarse-to-fine ablation),
 * `12`, or a comma list of both (`1-4,9`). INVALID_ARGUMENT naming `argument` (the CLI's `--layers`
 * by default; `layers` for the HTTP route and GraphQL) for anything else, and for a layer outside
 * 1..16 (`0-8`, `1-17`).
 */
export function parseLayers(text: string, argument = '--layers'): readonly number[] {
  const layers: number[] = [];
  for (const part of text.split(',').map((p) => p.trim())) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw invalidArgument(`${argument}: expected a layer number 1..${LAYER_COUNT}, a range such as 1-8, or a comma list of them, got ${JSON.stringify(text)}`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    for (const l of [from, to]) if (l < 1 || l > LAYER_COUNT) throw invalidArgument(`${argument}: layers are numbered 1..${LAYER_COUNT}, got ${l} in ${JSON.stringify(text)}`, { layer: l });
    if (to < from) throw invalidArgument(`${argument}: a range runs from the lower layer to the higher, got ${JSON.stringify(part)}`);
    for (let l = from; l <= to; l++) layers.push(l);
  }
  return checkLayers(layers);
}

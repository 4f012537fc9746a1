import type { CodeMatrix } from '../domain/code-matrix.js';
import { layerRow } from '../domain/code-matrix.js';
import { ALL_LAYERS } from '../domain/contract.js';
import { collapseRuns, editDistance } from './unit-edit-distance.js';

/**
 * How one layer's tokens held up under a perturbation, as counts so that per-corpus figures are sums:
 * agreement = agreeing / frames, unit edit distance (UED) = edits / units.
 */
export interface LayerStability {
  /** Layer number 1..16. */
  readonly layer: number;
  /** Frames of the original compared. */
  readonly frames: number;
  /** Frames whose perturbed token at this layer equals the original's (a frame the perturbed codes lack disagrees). */
  readonly agreeing: number;
  /** Levenshtein distance between the two layer sequences after collapsing runs of repeated tokens. */
  readonly edits: number;
  /** The original's unit count at this layer (its tokens with runs collapsed). */
  readonly units: number;
}

/** Per-layer stability of one audio (or, summed, a corpus) under one perturbation. */
export interface StabilityMeasure {
  /** The perturbation's canonical key (perturbationKey). */
  readonly perturbation: string;
  /** Frames of the original compared. */
  readonly frames: number;
  /** Layers 1..16, in order. */
  readonly layers: readonly LayerStability[];
}

/** Per-layer agreement and unit edits of `perturbed` against `original` (both of one model). */
export function compareCodes(original: CodeMatrix, perturbed: CodeMatrix, perturbation: string): StabilityMeasure {
  const shared = Math.min(original.frames, perturbed.frames);
  const layers = ALL_LAYERS.map((layer): LayerStability => {
    const a = layerRow(original, layer);
    const b = layerRow(perturbed, layer);
    let agreeing = 0;
    for (let f = 0; f < shared; f++) if (a[f] === b[f]) agreeing++;
    const unitsA = collapseRuns(a);
    return { layer, frames: original.frames, agreeing, edits: editDistance(unitsA, collapseRuns(b)), units: unitsA.length };
  });
  return { perturbation, frames: original.frames, layers };
}

/** The sum of measures of one perturbation (per-corpus figures); measures of different perturbations are a bug (RangeError). */
export function sumMeasures(measures: readonly StabilityMeasure[]): StabilityMeasure {
  const perturbation = measures[0]?.perturbation ?? '';
  const layers = ALL_LAYERS.map((layer) => ({ layer, frames: 0, agreeing: 0, edits: 0, units: 0 }));
  let frames = 0;
  for (const m of measures) {
    if (m.perturbation !== perturbation) throw new RangeError(`sumMeasures: measures of ${perturbation} and ${m.perturbation} do not add up`);
    frames += m.frames;
    for (const l of m.layers) {
      const t = layers[l.layer - 1]!;
      t.frames += l.frames;
      t.agreeing += l.agreeing;
      t.edits += l.edits;
      t.units += l.units;
    }
  }
  return { perturbation, frames, layers };
}

import type { CodeMatrix } from '../domain/code-matrix.js';
import { applyPerturbation } from './apply-perturbation.js';
import type { StabilityMeasure } from './layer-stability.js';
import { compareCodes } from './layer-stability.js';
import type { Perturbation } from './perturbation.js';
import { perturbationKey } from './perturbation.js';
import { invalidArgument } from '../errors.js';

/** One audio's stability measurement: its samples, its stored codes, and how to encode (and decode). */
export interface StabilityInput {
  /** The original audio, 24 kHz mono. */
  readonly samples: Float32Array;
  /** The original's codes (from the same encoder as `encode`). */
  readonly codes: CodeMatrix;
  readonly perturbation: Perturbation;
  /** Encodes 24 kHz samples with the model under test. */
  readonly encode: (samples: Float32Array) => Promise<CodeMatrix>;
  /** Decodes codes with the given layers only (needed by `roundtrip`). */
  readonly decode?: (codes: CodeMatrix, layers: readonly number[]) => Promise<Float32Array>;
  /** Babble for `noise:colour=babble` (see buildBabble). */
  readonly babble?: Float32Array;
}

/**
 * Perturbs the audio (or, for `roundtrip`, decodes its codes with the chosen layers), re-encodes it and
 * compares the new codes with the original's, layer by layer.
 */
export async function measureStability(input: StabilityInput): Promise<StabilityMeasure> {
  const { perturbation: p } = input;
  const key = perturbationKey(p);
  let perturbed: Float32Array;
  if (p.kind === 'roundtrip') {
    if (!input.decode) throw invalidArgument(`${key}: a round trip needs a decoder for the model, and none was given`);
    perturbed = await input.decode(input.codes, p.layers);
  } else {
    const context = input.babble === undefined ? {} : { babble: input.babble };
    perturbed = await applyPerturbation(input.samples, p, context);
  }
  return compareCodes(input.codes, await input.encode(perturbed), key);
}

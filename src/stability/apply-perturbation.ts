import { ErrorCode, invalidArgument, TokenscopeError, UnreachableCaseError } from '../errors.js';
import { addNoiseAtSnr, whiteNoise } from './add-noise.js';
import { applyGainDb } from './apply-gain.js';
import { mp3RoundTrip } from './mp3-roundtrip.js';
import type { Perturbation } from './perturbation.js';
import { perturbationKey } from './perturbation.js';
import { resampleThrough } from './resample-through.js';
import { shiftSamples } from './shift-samples.js';

/** What some perturbations need besides the audio. */
export interface PerturbationContext {
  /** Babble for `noise:colour=babble`: a sum of other speech at 24 kHz (repeated when shorter than the audio). */
  readonly babble?: Float32Array;
}

/**
 * The perturbed copy of 24 kHz mono `samples`, the same length; the input is never changed.
 * `roundtrip` needs codes and a decoder, so only measureStability carries it out (UNSUPPORTED_OPERATION
 * here); babble without `context.babble` is an INVALID_ARGUMENT.
 */
export async function applyPerturbation(samples: Float32Array, p: Perturbation, context: PerturbationContext = {}): Promise<Float32Array> {
  switch (p.kind) {
    case 'noise': {
      if (p.colour === 'white') return addNoiseAtSnr(samples, whiteNoise(samples.length, p.seed), p.snrDb);
      if (!context.babble) throw invalidArgument(`${perturbationKey(p)}: babble noise needs the babble signal (other speech of the corpus), and none was given`);
      return addNoiseAtSnr(samples, context.babble, p.snrDb);
    }
    case 'gain':
      return applyGainDb(samples, p.db);
    case 'shift':
      return shiftSamples(samples, p.samples);
    case 'resample':
      return resampleThrough(samples, p.rate);
    case 'mp3':
      return mp3RoundTrip(samples, p.kbps);
    case 'roundtrip':
      throw new TokenscopeError(ErrorCode.UNSUPPORTED_OPERATION, `${perturbationKey(p)}: a round trip decodes the codes, not the audio; use measureStability with a decoder`);
    default:
      throw new UnreachableCaseError(p);
  }
}

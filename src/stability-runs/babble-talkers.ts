import { SAMPLE_RATE } from '../domain/contract.js';
import { mulberry32 } from '../jsutils/mulberry32.js';
import { DEFAULT_BABBLE_TALKERS } from '../stability/build-babble.js';

/** Longest piece of a talker kept for babble, seconds: buildBabble loops it over a longer audio. */
export const BABBLE_SECONDS = 20;

/** A piece of one audio's 24 kHz samples, kept as a babble talker. */
export interface BabbleTalker {
  readonly audioId: number;
  readonly samples: Float32Array;
}

/**
 * The audios a seeded babble reads its talkers from: DEFAULT_BABBLE_TALKERS + 1 of `audioIds` in an
 * order shuffled by `seed`, one more than a mix takes, so every audio has as many talkers other than
 * itself; a corpus is not read whole for its babble.
 */
export function babbleTalkerIds(audioIds: readonly number[], seed: number): number[] {
  const random = mulberry32(seed);
  const order = [...audioIds].sort((a, b) => a - b);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.slice(0, DEFAULT_BABBLE_TALKERS + 1);
}

/** At most BABBLE_SECONDS of `samples`, from an offset drawn from `seed`. */
export function babblePiece(samples: Float32Array, seed: number): Float32Array {
  const length = Math.min(samples.length, BABBLE_SECONDS * SAMPLE_RATE);
  const start = Math.floor(mulberry32(seed)() * (samples.length - length + 1));
  return samples.slice(start, start + length);
}

/** The talkers' pieces other than audio `audioId`'s own: the sources of its babble. */
export function babbleSources(audioId: number, talkers: readonly BabbleTalker[]): Float32Array[] {
  return talkers.filter((t) => t.audioId !== audioId).map((t) => t.samples);
}

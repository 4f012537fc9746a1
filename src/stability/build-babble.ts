import { invalidArgument } from '../errors.js';
import { mulberry32 } from '../jsutils/mulberry32.js';
import { meanSquare } from './signal-power.js';

/** How babble is drawn from other speech. */
export interface BabbleOptions {
  /** Talkers summed (default 6; fewer when fewer sources are given). */
  readonly talkers?: number;
  /** Seed of the choice of sources and of their start offsets. */
  readonly seed: number;
}

/** Talkers in babble when not told otherwise (beyond about six, babble approaches stationary noise). */
export const DEFAULT_BABBLE_TALKERS = 6;

/**
 * Babble of `length` samples: `talkers` of the `sources` (other speech at 24 kHz, never the audio
 * being perturbed), chosen and started at offsets by `seed`, each looped to the length and scaled to
 * unit power so no talker dominates, then summed. The caller (the CLI) passes the corpus's other audios
 * or speech clips; the same sources and seed give the same babble. addNoiseAtSnr scales the sum.
 */
export function buildBabble(sources: readonly Float32Array[], length: number, options: BabbleOptions): Float32Array {
  const usable = sources.filter((s) => meanSquare(s) > 0);
  if (usable.length === 0) throw invalidArgument(`babble: needs at least one non-silent speech source, got ${sources.length} source(s), none with sound`, { sources: sources.length });
  const talkers = Math.min(options.talkers ?? DEFAULT_BABBLE_TALKERS, usable.length);
  if (!Number.isInteger(talkers) || talkers < 1) throw invalidArgument(`babble: talkers must be an integer ≥ 1, got ${options.talkers}`, { talkers: options.talkers });
  const random = mulberry32(options.seed);
  const order = usable.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const out = new Float32Array(length);
  for (const index of order.slice(0, talkers)) {
    const source = usable[index]!;
    const gain = 1 / Math.sqrt(meanSquare(source));
    const start = Math.floor(random() * source.length);
    for (let i = 0; i < length; i++) out[i]! += gain * source[(start + i) % source.length]!;
  }
  return out;
}

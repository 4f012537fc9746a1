import { createHash } from 'node:crypto';
import { codeMatrix } from '../src/domain/code-matrix.js';
import type { CodeMatrix } from '../src/domain/code-matrix.js';
import { CODEBOOK_SIZE, FRAME_RATE, LAYER_COUNT } from '../src/domain/contract.js';
import { mixSeed, mulberry32 } from './prng.js';

/** Frames of one synthetic corpus audio: 10 minutes at 12.5 frames/s. */
export const FRAMES_PER_AUDIO = 10 * 60 * FRAME_RATE;
/** Frames of the long audio the detector benchmark scores: 1 hour at 12.5 frames/s. */
export const DETECT_FRAMES = 60 * 60 * FRAME_RATE;
/** Bumped whenever the generator changes, so a stale benchmark database is rebuilt. */
export const GENERATOR_VERSION = 1;

/** The token distribution of one corpus. */
export interface CorpusProfile {
  /** Seed of the corpus's audio streams. */
  seed: number;
  /** Zipf exponent s: token of rank r drawn with probability ∝ 1 / r^s. */
  zipfExponent: number;
  /** Tokens a layer uses beyond the shared subset (rare ones, absent elsewhere: cold-token material). */
  extraTokens: number;
}

/** Reference corpus ("bench-a"). */
export const PROFILE_A: CorpusProfile = { seed: 0xa11ce, zipfExponent: 1.0, extraTokens: 0 };
/** Target corpus ("bench-b"): slightly steeper, with a few dozen tokens per layer that A never uses. */
export const PROFILE_B: CorpusProfile = { seed: 0xb0b, zipfExponent: 1.08, extraTokens: 40 };

/** Layers whose tokens bursts scatter over the whole codebook (the guide's key layers 10–14). */
const BURST_LAYERS = [10, 11, 12, 13, 14];
/** Inverse-CDF table size per layer: a token with probability p fills about p × 2^18 slots. */
const TABLE_BITS = 18;

/** Tokens a layer draws from, most frequent first: a fixed shuffle of the codebook, shared by all profiles. */
function layerRanking(layer: number): Uint16Array {
  const rng = mulberry32(mixSeed(0x5eed, layer));
  const order = Uint16Array.from({ length: CODEBOOK_SIZE }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** Size of layer `layer`'s shared subset: coarse layers use few tokens, fine layers many (256 … 1696). */
function subsetSize(layer: number): number {
  return 256 + 96 * (layer - 1);
}

/** Zipf inverse-CDF lookup table over the layer's subset: table[u · 2^bits] is a token. */
function zipfTable(layer: number, profile: CorpusProfile): Uint16Array {
  const ranking = layerRanking(layer);
  const n = Math.min(CODEBOOK_SIZE, subsetSize(layer) + profile.extraTokens);
  const weights = Float64Array.from({ length: n }, (_, r) => 1 / Math.pow(r + 1, profile.zipfExponent));
  const total = weights.reduce((a, w) => a + w, 0);
  const size = 1 << TABLE_BITS;
  const table = new Uint16Array(size);
  let rank = 0;
  let cdf = weights[0]! / total;
  for (let i = 0; i < size; i++) {
    const u = (i + 0.5) / size;
    while (u > cdf && rank < n - 1) cdf += weights[++rank]! / total;
    table[i] = ranking[rank]!;
  }
  return table;
}

/** One synthetic audio: its matrix and the hash that identifies it in the store. */
export interface SyntheticAudio {
  matrix: CodeMatrix;
  contentSha256: string;
}

/**
 * Deterministic generator of speech-like code matrices. Speech runs of 2–8 s alternate with pauses
 * of 0.2–1 s (mostly each layer's silence token); coarse layers hold a token over neighbouring
 * frames; about once a minute a burst of 3–12 frames scatters layers 10–14 over the whole codebook,
 * which is what the key-layer variance detector looks for.
 */
export class SyntheticCorpus {
  private readonly tables: Uint16Array[];
  private readonly silence: Uint16Array;

  constructor(private readonly profile: CorpusProfile) {
    this.tables = Array.from({ length: LAYER_COUNT }, (_, i) => zipfTable(i + 1, profile));
    this.silence = Uint16Array.from({ length: LAYER_COUNT }, (_, i) => layerRanking(i + 1)[0]!);
  }

  /** Audio number `index` (0-based) of the corpus, `frames` frames long. */
  audio(index: number, frames: number = FRAMES_PER_AUDIO): SyntheticAudio {
    const rng = mulberry32(mixSeed(this.profile.seed, index, frames));
    const tokens = new Uint16Array(frames * LAYER_COUNT);
    const mask = (1 << TABLE_BITS) - 1;
    let segmentLeft = 0;
    let speaking = false;
    let burstLeft = 0;
    for (let f = 0; f < frames; f++) {
      if (segmentLeft-- <= 0) {
        speaking = !speaking;
        segmentLeft = Math.round(FRAME_RATE * (speaking ? 2 + rng() * 6 : 0.2 + rng() * 0.8));
      }
      if (burstLeft > 0) burstLeft--;
      else if (speaking && rng() < 1 / 750) burstLeft = 3 + Math.floor(rng() * 10);
      const row = f * LAYER_COUNT;
      for (let l = 0; l < LAYER_COUNT; l++) {
        let token: number;
        if (!speaking && rng() < 0.9) token = this.silence[l]!;
        else if (f > 0 && l < 4 && rng() < 0.35) token = tokens[row - LAYER_COUNT + l]!;
        else token = this.tables[l]![(rng() * (mask + 1)) & mask]!;
        tokens[row + l] = token;
      }
      if (burstLeft > 0) for (const layer of BURST_LAYERS) tokens[row + layer - 1] = Math.floor(rng() * CODEBOOK_SIZE);
    }
    const contentSha256 = createHash('sha256').update(new Uint8Array(tokens.buffer, tokens.byteOffset, tokens.byteLength)).digest('hex');
    return { matrix: codeMatrix(tokens), contentSha256 };
  }
}

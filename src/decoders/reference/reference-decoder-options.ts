/** The reference decoder's settings, their defaults and their checks. */
import { SAMPLES_PER_FRAME } from '../../domain/contract.js';
import { invalidArgument } from '../../errors.js';
import type { GriffinLimSettings } from './griffin-lim.js';
import { BLOCK_SAMPLES } from './feature-layout.js';

/** Every setting of the reference decoder; `referenceDecoderOptions` fills in the defaults. */
export interface ReferenceDecoderOptions extends GriffinLimSettings {
  /** Richardson–Lucy updates fitting the spectrum to the 64 mel band powers, per codec frame. */
  readonly envelopeIterations: number;
  /** Rounds that measure each codec frame's mel bands as the encoder sees them and correct towards the decoded ones. */
  readonly matchIterations: number;
  /** Exponent on each matching correction (1: move each band to its target as measured; above 1 over-corrects). */
  readonly matchStrength: number;
  /**
   * How a matching round spreads its 64 band-centre corrections over the STFT's bins: 'geometric'
   * (linear in their logs) or 'linear'.
   */
  readonly matchInterpolation: 'geometric' | 'linear';
  /**
   * Whether each matching round after the first starts from the STFT of the loudness-shaped render
   * (true: the corrected render keeps the 10 ms contour, and its phases, so the loudness stage after
   * it has little left to do) or rescales the previous round's STFT (false: every render comes out
   * without the contour, which the loudness stage imposes again). The first round always scales the
   * first STFT: it measures the plain render, whose analysis would give that STFT back.
   */
  readonly matchReanalyse: boolean;
  /** Passes of the 10 ms loudness correction. */
  readonly gainPasses: number;
  /** Length in samples of the raised-cosine ramp between two sub-blocks' gains (even, ≤ 240). */
  readonly gainRamp: number;
  /** Codec frames decoded per internal block (bounds memory; the output does not depend on it). */
  readonly blockFrames: number;
}

/**
 * The defaults: what `npm run bench:decode` and docs/reference-decoder.md measured, chosen on the
 * first 20 dev mixtures and checked on the other 20 (docs/reference-decoder.md, "Choosing the settings").
 */
export const DEFAULT_REFERENCE_DECODER_OPTIONS: ReferenceDecoderOptions = {
  // The encoder's own window: 1920 samples, hop 960, so every other STFT frame is a codec frame as the encoder sees it.
  fftSize: 2048,
  windowLength: 1920,
  hop: 960,
  // No Griffin–Lim iteration of its own: each re-analysing matching round is one (it keeps the
  // phases of the render it analyses), with the encoder's bands as the target.
  iterations: 0,
  momentum: 0.99,
  envelopeIterations: 8,
  matchIterations: 3,
  matchStrength: 1.4,
  matchInterpolation: 'geometric',
  matchReanalyse: true,
  // Gains cross over whole sub-blocks: the smoothest loudness curve, which smears the least power
  // across bands. Such long ramps borrow from the neighbours, so one stage needs several passes for
  // a 35 dB step between two sub-blocks; with re-analysis the stages build on each other, and 4
  // passes a stage leave the worst sub-block of the stepped-noise test within 0.13 dB.
  gainPasses: 4,
  gainRamp: 240,
  blockFrames: 512,
};

function integerIn(name: string, value: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalidArgument(`${name}: expected ${what}; received ${value}`, { argument: name, value });
  }
}

/** The defaults overridden by `overrides`, checked: INVALID_ARGUMENT naming the first bad setting. */
export function referenceDecoderOptions(overrides: Partial<ReferenceDecoderOptions> = {}): ReferenceDecoderOptions {
  const o = { ...DEFAULT_REFERENCE_DECODER_OPTIONS, ...overrides };
  if (!Number.isInteger(o.fftSize) || o.fftSize < 64 || o.fftSize > 8192 || (o.fftSize & (o.fftSize - 1)) !== 0) {
    throw invalidArgument(`fftSize: expected a power of two from 64 to 8192 (samples); received ${o.fftSize}`, { argument: 'fftSize', value: o.fftSize });
  }
  integerIn('windowLength', o.windowLength, 16, o.fftSize, `an even integer from 16 to fftSize (${o.fftSize}) samples`);
  if (o.windowLength % 2 !== 0) throw invalidArgument(`windowLength: expected an even number of samples; received ${o.windowLength}`, { argument: 'windowLength', value: o.windowLength });
  if (!Number.isInteger(o.hop) || o.hop < 1 || o.hop > o.windowLength || SAMPLES_PER_FRAME % o.hop !== 0) {
    throw invalidArgument(`hop: expected a divisor of ${SAMPLES_PER_FRAME} no larger than windowLength (${o.windowLength}) samples; received ${o.hop}`, { argument: 'hop', value: o.hop });
  }
  integerIn('iterations', o.iterations, 0, 1000, 'an integer from 0 to 1000 (Griffin–Lim iterations)');
  if (!Number.isFinite(o.momentum) || o.momentum < 0 || o.momentum >= 2) {
    throw invalidArgument(`momentum: expected a number in [0, 2); received ${o.momentum}`, { argument: 'momentum', value: o.momentum });
  }
  integerIn('envelopeIterations', o.envelopeIterations, 0, 100, 'an integer from 0 to 100');
  integerIn('matchIterations', o.matchIterations, 0, 100, 'an integer from 0 to 100');
  if (!Number.isFinite(o.matchStrength) || o.matchStrength <= 0 || o.matchStrength > 2) {
    throw invalidArgument(`matchStrength: expected a number in (0, 2]; received ${o.matchStrength}`, { argument: 'matchStrength', value: o.matchStrength });
  }
  if (o.matchInterpolation !== 'geometric' && o.matchInterpolation !== 'linear') {
    throw invalidArgument(`matchInterpolation: expected 'geometric' or 'linear'; received ${String(o.matchInterpolation)}`, { argument: 'matchInterpolation', value: String(o.matchInterpolation) });
  }
  if (o.matchReanalyse !== true && o.matchReanalyse !== false) {
    throw invalidArgument(`matchReanalyse: expected true or false; received ${String(o.matchReanalyse)}`, { argument: 'matchReanalyse', value: String(o.matchReanalyse) });
  }
  integerIn('gainPasses', o.gainPasses, 0, 10, 'an integer from 0 to 10');
  if (!Number.isInteger(o.gainRamp) || o.gainRamp < 2 || o.gainRamp > BLOCK_SAMPLES || o.gainRamp % 2 !== 0) {
    throw invalidArgument(`gainRamp: expected an even number of samples from 2 to ${BLOCK_SAMPLES}; received ${o.gainRamp}`, { argument: 'gainRamp', value: o.gainRamp });
  }
  integerIn('blockFrames', o.blockFrames, 1, 1_000_000, 'a positive integer (codec frames)');
  return o;
}

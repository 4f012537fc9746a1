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
  /** Passes of the 10 ms loudness correction. */
  readonly gainPasses: number;
  /** Length in samples of the raised-cosine ramp between two sub-blocks' gains (even, ≤ 240). */
  readonly gainRamp: number;
  /** Codec frames decoded per internal block (bounds memory; the output does not depend on it). */
  readonly blockFrames: number;
}

/** The defaults: what `npm run bench:decode` and docs/reference-decoder.md measured. */
export const DEFAULT_REFERENCE_DECODER_OPTIONS: ReferenceDecoderOptions = {
  fftSize: 1024,
  windowLength: 960,
  hop: 480,
  iterations: 1,
  momentum: 0.99,
  envelopeIterations: 4,
  matchIterations: 4,
  matchStrength: 1,
  gainPasses: 6,
  gainRamp: 96,
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
  integerIn('gainPasses', o.gainPasses, 0, 10, 'an integer from 0 to 10');
  if (!Number.isInteger(o.gainRamp) || o.gainRamp < 2 || o.gainRamp > BLOCK_SAMPLES || o.gainRamp % 2 !== 0) {
    throw invalidArgument(`gainRamp: expected an even number of samples from 2 to ${BLOCK_SAMPLES}; received ${o.gainRamp}`, { argument: 'gainRamp', value: o.gainRamp });
  }
  integerIn('blockFrames', o.blockFrames, 1, 1_000_000, 'a positive integer (codec frames)');
  return o;
}

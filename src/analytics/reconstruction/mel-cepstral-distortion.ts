/**
 * Mel-cepstral distortion (MCD) in dB between a reference signal and an estimate of it. Per active
 * frame (power-frames.ts): 40 mel bands (src/signal's HTK filterbank, 0–12 kHz, each band the
 * weighted mean power of its bins), log amplitude a_b = ½·ln(band power + 1e-10), cepstrum
 * c = orthonormal DCT-II of a over the 40 bands, and
 * MCD = (10 / ln 10) · √(2 · Σ_{d=1..24} (c_d − ĉ_d)²), c_0 (overall level) left out; then the mean
 * over active frames. The constant is the usual one for cepstra of the natural-log amplitude.
 */
import { SAMPLE_RATE } from '../../domain/contract.js';
import { melFilterbank } from '../../signal/mel-filterbank.js';
import { METRIC_BINS, METRIC_FFT, checkPair, powerFrames } from './power-frames.js';
import type { PowerFrames } from './power-frames.js';

/** Mel bands the cepstrum is taken over. */
export const MCD_BANDS = 40;
/** Cepstral coefficients compared (c_1..c_24). */
export const MCD_ORDER = 24;
/** Added to a band's power before the log. */
export const MCD_EPSILON = 1e-10;
const MCD_SCALE = (10 / Math.LN10) * Math.SQRT2;

/** c_1..c_order of the orthonormal DCT-II of `logAmplitude` (length B): c_d = √(2/B) Σ_b a_b cos(π d (b + ½) / B). */
export function cepstrum(logAmplitude: ArrayLike<number>, order: number): Float64Array {
  const bands = logAmplitude.length;
  const out = new Float64Array(order);
  for (let d = 1; d <= order; d++) {
    let s = 0;
    for (let b = 0; b < bands; b++) s += logAmplitude[b]! * Math.cos((Math.PI * d * (b + 0.5)) / bands);
    out[d - 1] = s * Math.sqrt(2 / bands);
  }
  return out;
}

/** The MCD of two frames' log amplitudes (natural log, same band count), dB. */
export function frameMelCepstralDistortion(reference: ArrayLike<number>, estimate: ArrayLike<number>, order = MCD_ORDER): number {
  const a = cepstrum(reference, order);
  const b = cepstrum(estimate, order);
  let s = 0;
  for (let d = 0; d < order; d++) s += (a[d]! - b[d]!) ** 2;
  return MCD_SCALE * Math.sqrt(s);
}

/** The MCD of `estimate` against `reference` (same length, ≥ 512 samples), dB; NaN when no frame is active. */
export function melCepstralDistortion(reference: ArrayLike<number>, estimate: ArrayLike<number>): number {
  checkPair(reference, estimate);
  return framesMelCepstralDistortion(powerFrames(reference), powerFrames(estimate));
}

/** The MCD of precomputed power frames (of signals of the same length), dB; NaN when no frame is active. */
export function framesMelCepstralDistortion(a: PowerFrames, b: PowerFrames): number {
  const bank = melFilterbank(MCD_BANDS, METRIC_FFT, SAMPLE_RATE, SAMPLE_RATE / 2);
  const logA = new Float64Array(MCD_BANDS);
  const logB = new Float64Array(MCD_BANDS);
  const logAmplitudes = (power: Float64Array, t: number, out: Float64Array): void => {
    bank.forEach((band, i) => {
      let s = 0;
      for (let j = 0; j < band.weights.length; j++) s += band.weights[j]! * power[t * METRIC_BINS + band.first + j]!;
      out[i] = 0.5 * Math.log(s + MCD_EPSILON);
    });
  };
  let sum = 0;
  let counted = 0;
  for (let t = 0; t < a.frames; t++) {
    if (a.active[t] === 0) continue;
    logAmplitudes(a.power, t, logA);
    logAmplitudes(b.power, t, logB);
    sum += frameMelCepstralDistortion(logA, logB);
    counted++;
  }
  return counted > 0 ? sum / counted : Number.NaN;
}

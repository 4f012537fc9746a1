/**
 * Log-spectral distance (LSD) in dB between a reference signal and an estimate of it:
 * per active frame (power-frames.ts), √(mean over the 257 bins of (10·log10((P_ref + ε)/(P_est + ε)))²)
 * with ε = 1e-10 (|X|² of samples in [−1, 1]; about −150 dB below a full-scale sine's peak bin),
 * then the mean over active frames. 0 for identical signals; a gain of g on every sample adds
 * exactly |20·log10 g| (up to ε).
 */
import { METRIC_BINS, checkPair, powerFrames } from './power-frames.js';
import type { PowerFrames } from './power-frames.js';

/** Added to every bin's power before the log. */
export const LSD_EPSILON = 1e-10;

/** The LSD of `estimate` against `reference` (same length, ≥ 512 samples), dB; NaN when no frame is active. */
export function logSpectralDistance(reference: ArrayLike<number>, estimate: ArrayLike<number>): number {
  checkPair(reference, estimate);
  return framesLogSpectralDistance(powerFrames(reference), powerFrames(estimate));
}

/** The LSD of precomputed power frames (of signals of the same length), dB; NaN when no frame is active. */
export function framesLogSpectralDistance(a: PowerFrames, b: PowerFrames): number {
  let sum = 0;
  let counted = 0;
  for (let t = 0; t < a.frames; t++) {
    if (a.active[t] === 0) continue;
    let squares = 0;
    for (let k = 0; k < METRIC_BINS; k++) {
      const at = t * METRIC_BINS + k;
      const d = 10 * Math.log10((a.power[at]! + LSD_EPSILON) / (b.power[at]! + LSD_EPSILON));
      squares += d * d;
    }
    sum += Math.sqrt(squares / METRIC_BINS);
    counted++;
  }
  return counted > 0 ? sum / counted : Number.NaN;
}

/**
 * The short-time power spectra both reconstruction metrics compare: periodic Hann window of 512
 * samples (21.3 ms at 24 kHz), hop 128 samples (5.3 ms), 512-point FFT, power |X_k|² for bins
 * k = 0..256, over the frames that lie wholly inside the signal (frame t covers samples
 * [128·t, 128·t + 512)). A frame is active when the reference's mean square over it is at least
 * 1e-6 (−60 dB re a full-scale square wave): silent frames are left out of the means, where any
 * floor would decide the answer.
 */
import { invalidArgument } from '../../errors.js';
import { RealFft } from '../../signal/fft.js';
import { hannWindow } from '../../signal/hann-window.js';

/** FFT and window length, samples. */
export const METRIC_FFT = 512;
/** Hop between frames, samples. */
export const METRIC_HOP = 128;
/** Bins per frame (0 Hz to Nyquist). */
export const METRIC_BINS = METRIC_FFT / 2 + 1;
/** Mean square below which a reference frame is silent. */
export const ACTIVE_MEAN_SQUARE = 1e-6;

/** Power spectra of one signal: `frames` × METRIC_BINS, frame-major, and which frames are active. */
export interface PowerFrames {
  readonly frames: number;
  readonly power: Float64Array;
  /** 1 where the frame's mean square (unwindowed) is ≥ ACTIVE_MEAN_SQUARE. */
  readonly active: Uint8Array;
}

/** Power spectra of `samples` (see the module comment). */
export function powerFrames(samples: ArrayLike<number>): PowerFrames {
  const frames = samples.length >= METRIC_FFT ? Math.floor((samples.length - METRIC_FFT) / METRIC_HOP) + 1 : 0;
  const fft = new RealFft(METRIC_FFT);
  const window = hannWindow(METRIC_FFT);
  const buffer = new Float64Array(METRIC_FFT);
  const re = new Float64Array(METRIC_BINS);
  const im = new Float64Array(METRIC_BINS);
  const power = new Float64Array(frames * METRIC_BINS);
  const active = new Uint8Array(frames);
  for (let t = 0; t < frames; t++) {
    let energy = 0;
    for (let n = 0; n < METRIC_FFT; n++) {
      const v = samples[t * METRIC_HOP + n]!;
      energy += v * v;
      buffer[n] = v * window[n]!;
    }
    active[t] = energy / METRIC_FFT >= ACTIVE_MEAN_SQUARE ? 1 : 0;
    fft.transform(buffer, re, im);
    for (let k = 0; k < METRIC_BINS; k++) power[t * METRIC_BINS + k] = re[k]! * re[k]! + im[k]! * im[k]!;
  }
  return { frames, power, active };
}

/** Checks that a reference and an estimate can be compared sample for sample. */
export function checkPair(reference: ArrayLike<number>, estimate: ArrayLike<number>): void {
  if (estimate.length !== reference.length) {
    throw invalidArgument(`estimate: expected ${reference.length} samples (the reference's length); received ${estimate.length}`, { argument: 'estimate' });
  }
  if (reference.length < METRIC_FFT) {
    throw invalidArgument(`reference: expected at least ${METRIC_FFT} samples (one analysis frame); received ${reference.length}`, { argument: 'reference' });
  }
}

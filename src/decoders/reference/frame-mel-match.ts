/**
 * Measures, for every 1920-sample codec frame of a signal, the mel band powers the encoder sees
 * (periodic Hann window over the frame, 1920-point DFT, the encoder's filterbank), and turns them
 * into magnitude corrections towards the decoded band powers. Noise excitation gives band powers
 * that scatter around their targets (most in the narrow low bands); a correction pulls each band
 * back. The 1920-point DFT is one real FFT of 1920 points (src/signal's RealFft: a mixed-radix
 * complex FFT of 960 = 4³·3·5 points).
 */
import { SAMPLES_PER_FRAME } from '../../domain/contract.js';
import { RealFft } from '../../signal/fft.js';
import { hannWindow } from '../../signal/hann-window.js';
import { ENCODER_BINS, MEL_BANDS, MEL_EPSILON, encoderMelWeights } from './feature-layout.js';

/** One band's non-zero weights over the encoder's bins. */
interface Band {
  readonly first: number;
  readonly weights: Float64Array;
}

/** Reusable tables and buffers for measuring frames and building corrections. */
export class FrameMelMatch {
  private readonly fft = new RealFft(SAMPLES_PER_FRAME);
  private readonly window = hannWindow(SAMPLES_PER_FRAME);
  private readonly bands: Band[];
  private readonly re = new Float64Array(ENCODER_BINS);
  private readonly im = new Float64Array(ENCODER_BINS);
  private readonly power = new Float64Array(ENCODER_BINS);

  constructor() {
    const weights = encoderMelWeights();
    this.bands = Array.from({ length: MEL_BANDS }, (_, b) => {
      let first = -1;
      let last = -1;
      for (let k = 0; k < ENCODER_BINS; k++) {
        if (weights[k * MEL_BANDS + b]! === 0) continue;
        if (first < 0) first = k;
        last = k;
      }
      if (first < 0) return { first: 0, weights: new Float64Array(0) };
      return { first, weights: Float64Array.from({ length: last - first + 1 }, (_, i) => weights[(first + i) * MEL_BANDS + b]!) };
    });
  }

  /** The encoder-view band powers of the frame at samples [start, start + 1920) into `out` (64 values). */
  measure(samples: Float64Array, start: number, out: Float64Array): void {
    this.fft.transformWindowed(samples, start, this.window, this.re, this.im);
    for (let k = 0; k < ENCODER_BINS; k++) this.power[k] = this.re[k]! * this.re[k]! + this.im[k]! * this.im[k]!;
    for (let b = 0; b < MEL_BANDS; b++) {
      const { first, weights } = this.bands[b]!;
      let sum = 0;
      for (let i = 0; i < weights.length; i++) sum += weights[i]! * this.power[first + i]!;
      out[b] = sum;
    }
  }

  /**
   * Magnitude ratios at the 64 band centres, ((target + ε) / (measured + ε))^(strength / 2) with ε the
   * encoder's 1e-6 (below which the encoder's log no longer tells powers apart), into `out`; a
   * strength above 1 over-corrects, which converges in fewer rounds.
   */
  ratios(logMel: ArrayLike<number>, measured: Float64Array, out: Float64Array, strength = 1): void {
    const exponent = strength / 2;
    for (let b = 0; b < MEL_BANDS; b++) out[b] = (Math.exp(logMel[b]!) / (measured[b]! + MEL_EPSILON)) ** exponent;
  }
}

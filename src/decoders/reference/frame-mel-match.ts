/**
 * Measures, for every 1920-sample codec frame of a signal, the mel band powers the encoder sees
 * (periodic Hann window over the frame, 1920-point DFT, the encoder's filterbank), and turns them
 * into magnitude corrections towards the decoded band powers. Noise excitation gives band powers
 * that scatter around their targets (most in the narrow low bands); a correction pulls each band
 * back. The 1920-point DFT is computed as 15 real FFTs of 128 points (src/signal's RealFft) and
 * a 15-term twiddled sum per bin: n = 15·n1 + n2, X[k] = Σ_n2 e^(−2πi·n2·k/1920) · F_n2[k mod 128].
 */
import { SAMPLES_PER_FRAME } from '../../domain/contract.js';
import { RealFft } from '../../signal/fft.js';
import { hannWindow } from '../../signal/hann-window.js';
import { ENCODER_BINS, MEL_BANDS, MEL_EPSILON, encoderMelWeights } from './feature-layout.js';

/** The 1920 = 15 × 128 factorisation. */
const STRIDE = 15;
const SUB = SAMPLES_PER_FRAME / STRIDE;

/** One band's non-zero weights over the encoder's bins. */
interface Band {
  readonly first: number;
  readonly weights: Float64Array;
}

/** Reusable tables and buffers for measuring frames and building corrections. */
export class FrameMelMatch {
  private readonly fft = new RealFft(SUB);
  private readonly window = hannWindow(SAMPLES_PER_FRAME);
  private readonly bands: Band[];
  private readonly sub = new Float64Array(SUB);
  /** F_n2[m] for m = 0..64, n2-major. */
  private readonly subRe = new Float64Array(STRIDE * (SUB / 2 + 1));
  private readonly subIm = new Float64Array(STRIDE * (SUB / 2 + 1));
  private readonly re = new Float64Array(SUB / 2 + 1);
  private readonly im = new Float64Array(SUB / 2 + 1);
  /** cos and −sin of 2π·n2·k/1920, k-major. */
  private readonly twCos = new Float64Array(ENCODER_BINS * STRIDE);
  private readonly twSin = new Float64Array(ENCODER_BINS * STRIDE);
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
    for (let k = 0; k < ENCODER_BINS; k++) {
      for (let n2 = 0; n2 < STRIDE; n2++) {
        const angle = (2 * Math.PI * ((n2 * k) % SAMPLES_PER_FRAME)) / SAMPLES_PER_FRAME;
        this.twCos[k * STRIDE + n2] = Math.cos(angle);
        this.twSin[k * STRIDE + n2] = -Math.sin(angle);
      }
    }
  }

  /** The encoder-view band powers of the frame at samples [start, start + 1920) into `out` (64 values). */
  measure(samples: Float64Array, start: number, out: Float64Array): void {
    const half = SUB / 2 + 1;
    for (let n2 = 0; n2 < STRIDE; n2++) {
      for (let n1 = 0; n1 < SUB; n1++) {
        const n = STRIDE * n1 + n2;
        this.sub[n1] = samples[start + n]! * this.window[n]!;
      }
      this.fft.transform(this.sub, this.re, this.im);
      this.subRe.set(this.re, n2 * half);
      this.subIm.set(this.im, n2 * half);
    }
    for (let k = 0; k < ENCODER_BINS; k++) {
      // F_n2[m] for m > 64 is the conjugate of F_n2[128 − m].
      const m = k % SUB;
      const mirrored = m > SUB / 2;
      const at = mirrored ? SUB - m : m;
      const sign = mirrored ? -1 : 1;
      let xr = 0;
      let xi = 0;
      for (let n2 = 0; n2 < STRIDE; n2++) {
        const fr = this.subRe[n2 * half + at]!;
        const fi = sign * this.subIm[n2 * half + at]!;
        const c = this.twCos[k * STRIDE + n2]!;
        const s = this.twSin[k * STRIDE + n2]!;
        xr += fr * c - fi * s;
        xi += fr * s + fi * c;
      }
      this.power[k] = xr * xr + xi * xi;
    }
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

import { invalidArgument } from '../errors.js';
import { ComplexFft, fftRadices } from './complex-fft.js';

/**
 * The FFT of real input of a fixed even size N whose half has no prime factor above 5 (1024, 128,
 * 1920, …): the N real samples are packed into N/2 complex ones (even samples real, odd imaginary),
 * transformed by the mixed-radix complex FFT of size N/2 (complex-fft.ts), and split into the
 * N/2 + 1 non-negative-frequency bins; `inverse` runs the same steps backwards (one complex FFT of
 * N/2 too). Written here because nothing in the dependencies computes one (fft.js is not installed);
 * the tables are computed once per size, so a transform allocates nothing.
 */
export class RealFft {
  /** Half the size: the complex transform's length. */
  private readonly half: number;
  private readonly complex: ComplexFft;
  /** cos and −sin of 2πk/N for k ≤ half: the split step's twiddles. */
  private readonly splitCos: Float64Array;
  private readonly splitSin: Float64Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  /** Where inverseHalves left the unscaled even (xr) and odd (xi) output samples. */
  private xr: Float64Array;
  private xi: Float64Array;

  /** `size`: samples per transform, an even number ≥ 4 whose half has no prime factor other than 2, 3 and 5. */
  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 4 || size % 2 !== 0 || fftRadices(size / 2) === null) {
      throw invalidArgument(`size must be an even number ≥ 4 whose half has no prime factor other than 2, 3 and 5 (samples per transform); received ${size}`, { argument: 'size', value: size });
    }
    const half = size / 2;
    this.half = half;
    this.complex = new ComplexFft(half);
    this.splitCos = new Float64Array(half + 1);
    this.splitSin = new Float64Array(half + 1);
    for (let k = 0; k <= half; k++) {
      this.splitCos[k] = Math.cos((2 * Math.PI * k) / size);
      this.splitSin[k] = -Math.sin((2 * Math.PI * k) / size);
    }
    this.re = new Float64Array(half);
    this.im = new Float64Array(half);
    this.xr = this.re;
    this.xi = this.im;
  }

  /** Bins of the transform: size / 2 + 1 (0 Hz to the Nyquist frequency). */
  get bins(): number {
    return this.half + 1;
  }

  /** The unnormalised DFT X[k] = Σ x[n]·e^(−2πikn/N) of `input` (length N) for k = 0..N/2, into `re` and `im`. */
  transform(input: ArrayLike<number>, re: Float64Array, im: Float64Array): void {
    if (input.length !== this.size) throw invalidArgument(`input must hold ${this.size} samples; received ${input.length}`, { argument: 'input' });
    const half = this.half;
    const zr = this.re;
    const zi = this.im;
    for (let n = 0; n < half; n++) {
      zr[n] = input[2 * n]!;
      zi[n] = input[2 * n + 1]!;
    }
    this.split(re, im);
  }

  /**
   * `transform` of the windowed frame x[m] = samples[start + m] · window[m] for m < window.length
   * (0 where start + m falls outside `samples`, and for m ≥ window.length), without an intermediate
   * frame: the same products, so the same bits as windowing into a zero-filled frame first.
   */
  transformWindowed(samples: Float64Array, start: number, window: Float64Array, re: Float64Array, im: Float64Array): void {
    if (window.length > this.size || window.length % 2 !== 0) throw invalidArgument(`window must hold an even number of samples, at most ${this.size}; received ${window.length}`, { argument: 'window' });
    const zr = this.re;
    const zi = this.im;
    const from = Math.max(0, -start);
    const to = Math.min(window.length, samples.length - start);
    if (from === 0 && to === window.length) {
      const pairs = window.length / 2;
      for (let n = 0; n < pairs; n++) {
        zr[n] = samples[start + 2 * n]! * window[2 * n]!;
        zi[n] = samples[start + 2 * n + 1]! * window[2 * n + 1]!;
      }
      zr.fill(0, pairs);
      zi.fill(0, pairs);
    } else {
      zr.fill(0);
      zi.fill(0);
      for (let m = from; m < to; m++) {
        const v = samples[start + m]! * window[m]!;
        if ((m & 1) === 0) zr[m >> 1] = v;
        else zi[m >> 1] = v;
      }
    }
    this.split(re, im);
  }

  /** The forward transform of the packed samples in the work arrays, split into the bins `re`, `im`. */
  private split(re: Float64Array, im: Float64Array): void {
    const half = this.half;
    const inPlace = this.complex.transformLeaving(this.re, this.im);
    const zr = inPlace ? this.re : this.complex.resultRe;
    const zi = inPlace ? this.im : this.complex.resultIm;
    // Split: with Z = FFT(z), E[k] = (Z[k] + conj Z[half−k]) / 2 is the even samples' transform,
    // O[k] = (Z[k] − conj Z[half−k]) / 2i the odd ones', and X[k] = E[k] + e^(−2πik/N)·O[k].
    const cos = this.splitCos;
    const sin = this.splitSin;
    re[0] = zr[0]! + zi[0]!;
    im[0] = 0;
    re[half] = zr[0]! - zi[0]!;
    im[half] = 0;
    for (let k = 1; k < half; k++) {
      const b = half - k;
      const ar = zr[k]!, ai = zi[k]!, br = zr[b]!, bi = zi[b]!;
      const er = (ar + br) * 0.5;
      const ei = (ai - bi) * 0.5;
      const or = (ai + bi) * 0.5;
      const oi = (br - ar) * 0.5;
      const wr = cos[k]!;
      const wi = sin[k]!;
      re[k] = er + or * wr - oi * wi;
      im[k] = ei + or * wi + oi * wr;
    }
  }

  /**
   * The inverse: x[n] = (1/N) Σ_k X[k]·e^(2πikn/N) for n = 0..N−1 into `out` (length N), from the
   * Hermitian spectrum's bins k = 0..N/2 at re[at + k], im[at + k] (the imaginary parts of bins 0
   * and N/2 are taken as 0).
   */
  inverse(re: Float64Array, im: Float64Array, out: Float64Array, at = 0): void {
    if (out.length < this.size) throw invalidArgument(`out must hold ${this.size} samples; received ${out.length}`, { argument: 'out' });
    const half = this.half;
    this.inverseHalves(re, im, at);
    const xr = this.xr;
    const xi = this.xi;
    const scale = 1 / half;
    for (let n = 0; n < half; n++) {
      out[2 * n] = xr[n]! * scale;
      out[2 * n + 1] = xi[n]! * scale;
    }
  }

  /**
   * `inverse` followed by an overlap-add: out[start + m] += x[m] · window[m] for the m < window.length
   * with 0 ≤ start + m < out.length, without an intermediate frame (the same products, so the same bits).
   */
  inverseOverlapAdd(re: Float64Array, im: Float64Array, at: number, window: Float64Array, out: Float64Array, start: number): void {
    if (window.length > this.size) throw invalidArgument(`window must hold at most ${this.size} samples; received ${window.length}`, { argument: 'window' });
    const half = this.half;
    this.inverseHalves(re, im, at);
    const zr = this.xr;
    const zi = this.xi;
    const scale = 1 / half;
    const from = Math.max(0, -start);
    const to = Math.min(window.length, out.length - start);
    if (from % 2 === 0 && to % 2 === 0) {
      for (let n = from / 2; n < to / 2; n++) {
        const m = 2 * n;
        out[start + m] += zr[n]! * scale * window[m]!;
        out[start + m + 1] += zi[n]! * scale * window[m + 1]!;
      }
      return;
    }
    for (let m = from; m < to; m++) out[start + m] += ((m & 1) === 0 ? zr[m >> 1]! : zi[m >> 1]!) * scale * window[m]!;
  }

  /**
   * `window` times 1 / (N/2), the inverse's normalisation, for `inverseOverlapAddScaled`; null when
   * N/2 is not a power of two (then the two products round differently from the one in
   * `inverseOverlapAdd`, which this must match bit for bit).
   */
  scaledWindow(window: Float64Array): Float64Array | null {
    const half = this.half;
    if ((half & (half - 1)) !== 0) return null;
    const scale = 1 / half;
    return Float64Array.from(window, (w) => w * scale);
  }

  /**
   * `inverseOverlapAdd` with a window from `scaledWindow`: one product per sample instead of two.
   * The same bits: x · 2^−k · w and x · (w · 2^−k) are both the rounded x · w times 2^−k, since a
   * power-of-two scale is exact (outside the subnormal range, below 2^−1013 here, which spectra of
   * audio do not reach).
   */
  inverseOverlapAddScaled(re: Float64Array, im: Float64Array, at: number, scaledWindow: Float64Array, out: Float64Array, start: number): void {
    if (scaledWindow.length > this.size) throw invalidArgument(`window must hold at most ${this.size} samples; received ${scaledWindow.length}`, { argument: 'window' });
    this.inverseHalves(re, im, at);
    const zr = this.xr;
    const zi = this.xi;
    const from = Math.max(0, -start);
    const to = Math.min(scaledWindow.length, out.length - start);
    if (from % 2 === 0 && to % 2 === 0) {
      for (let n = from / 2; n < to / 2; n++) {
        const m = 2 * n;
        out[start + m] += zr[n]! * scaledWindow[m]!;
        out[start + m + 1] += zi[n]! * scaledWindow[m + 1]!;
      }
      return;
    }
    for (let m = from; m < to; m++) out[start + m] += ((m & 1) === 0 ? zr[m >> 1]! : zi[m >> 1]!) * scaledWindow[m]!;
  }

  /**
   * What every inverse shares: checks the bins, merges them (merge) and runs the complex inverse,
   * leaving the unscaled even samples in `xr` and the odd ones in `xi`. The inverse complex FFT is
   * the forward one with real and imaginary parts swapped (im passed as the real part), so when it
   * is not left in place, re's values are in resultIm and im's in resultRe.
   */
  private inverseHalves(re: Float64Array, im: Float64Array, at: number): void {
    if (at < 0 || re.length < at + this.bins || im.length < at + this.bins) throw invalidArgument(`re and im must hold ${this.bins} bins from ${at}; received ${re.length} and ${im.length}`, { argument: 'at' });
    this.merge(re, im, at);
    const inPlace = this.complex.transformLeaving(this.im, this.re);
    this.xr = inPlace ? this.re : this.complex.resultIm;
    this.xi = inPlace ? this.im : this.complex.resultRe;
  }

  /** The inverse's first step: the packed half-size spectrum Z (into the work arrays) of x's Hermitian spectrum. */
  private merge(re: Float64Array, im: Float64Array, at: number): void {
    const half = this.half;
    const zr = this.re;
    const zi = this.im;
    const cos = this.splitCos;
    const sin = this.splitSin;
    // Merge: E[k] = (X[k] + conj X[half−k]) / 2, O[k] = (X[k] − conj X[half−k])·e^(2πik/N) / 2,
    // Z[k] = E[k] + i·O[k] is the transform of z[n] = x[2n] + i·x[2n+1]. Bin 0 (with N/2) is
    // peeled off: both imaginary parts count as 0 there.
    {
      const ar = re[at]!, br = re[at + half]!;
      const er = (ar + br) * 0.5;
      const ei = (0 - 0) * 0.5;
      const dr = (ar - br) * 0.5;
      const di = (0 + 0) * 0.5;
      const wr = cos[0]!;
      const wi = -sin[0]!;
      zr[0] = er - (dr * wi + di * wr);
      zi[0] = ei + (dr * wr - di * wi);
    }
    for (let k = 1; k < half; k++) {
      const b = half - k;
      const ar = re[at + k]!, ai = im[at + k]!;
      const br = re[at + b]!, bi = im[at + b]!;
      const er = (ar + br) * 0.5;
      const ei = (ai - bi) * 0.5;
      const dr = (ar - br) * 0.5;
      const di = (ai + bi) * 0.5;
      // × e^(+2πik/N) = cos − i·(−sin).
      const wr = cos[k]!;
      const wi = -sin[k]!;
      const or = dr * wr - di * wi;
      const oi = dr * wi + di * wr;
      zr[k] = er - oi;
      zi[k] = ei + or;
    }
  }
}

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
    this.complex.transform(zr, zi);
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
    if (at < 0 || re.length < at + this.bins || im.length < at + this.bins) throw invalidArgument(`re and im must hold ${this.bins} bins from ${at}; received ${re.length} and ${im.length}`, { argument: 'at' });
    const half = this.half;
    const zr = this.re;
    const zi = this.im;
    const cos = this.splitCos;
    const sin = this.splitSin;
    // Merge: E[k] = (X[k] + conj X[half−k]) / 2, O[k] = (X[k] − conj X[half−k])·e^(2πik/N) / 2,
    // Z[k] = E[k] + i·O[k] is the transform of z[n] = x[2n] + i·x[2n+1].
    for (let k = 0; k < half; k++) {
      const b = half - k;
      const ar = re[at + k]!, ai = k === 0 ? 0 : im[at + k]!;
      const br = re[at + b]!, bi = k === 0 ? 0 : im[at + b]!;
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
    // Inverse complex FFT as the forward one with real and imaginary parts swapped.
    this.complex.transform(zi, zr);
    const scale = 1 / half;
    for (let n = 0; n < half; n++) {
      out[2 * n] = zr[n]! * scale;
      out[2 * n + 1] = zi[n]! * scale;
    }
  }
}

import { invalidArgument } from '../errors.js';

/**
 * A radix-2 FFT of real input of a fixed power-of-two size N: the N real samples are packed into
 * N/2 complex ones (even samples real, odd imaginary), transformed by an iterative in-place complex
 * FFT of size N/2, and split into the N/2 + 1 non-negative-frequency bins. Written here because
 * nothing in the dependencies computes one (fft.js is not installed, and the spectrogram needs only
 * this one transform); the tables are computed once per size, so a transform allocates nothing.
 */
export class RealFft {
  /** Half the size: the complex transform's length. */
  private readonly half: number;
  /** Bit-reversed index of each of the `half` complex inputs. */
  private readonly reversed: Uint32Array;
  /** cos and −sin of 2πk/half for k < half/2: the complex transform's twiddles. */
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  /** cos and −sin of 2πk/N for k ≤ half: the split step's twiddles. */
  private readonly splitCos: Float64Array;
  private readonly splitSin: Float64Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;

  /** `size`: samples per transform, a power of two ≥ 4. */
  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 4 || (size & (size - 1)) !== 0) throw invalidArgument(`size must be a power of two ≥ 4 (samples per transform); received ${size}`, { argument: 'size', value: size });
    const half = size / 2;
    this.half = half;
    const bits = Math.log2(half);
    this.reversed = new Uint32Array(half);
    for (let i = 0; i < half; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.reversed[i] = r;
    }
    this.cos = new Float64Array(half / 2);
    this.sin = new Float64Array(half / 2);
    for (let k = 0; k < half / 2; k++) {
      this.cos[k] = Math.cos((2 * Math.PI * k) / half);
      this.sin[k] = -Math.sin((2 * Math.PI * k) / half);
    }
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
      const r = this.reversed[n]!;
      zr[r] = input[2 * n]!;
      zi[r] = input[2 * n + 1]!;
    }
    // Iterative decimation in time over the bit-reversed inputs (locals: this loop is the hot one).
    const cos = this.cos;
    const sin = this.sin;
    for (let len = 2; len <= half; len <<= 1) {
      const step = half / len;
      const mid = len >> 1;
      for (let j = 0, t = 0; j < mid; j++, t += step) {
        const wr = cos[t]!;
        const wi = sin[t]!;
        for (let a = j; a < half; a += len) {
          const b = a + mid;
          const br = zr[b]!;
          const bi = zi[b]!;
          const tr = br * wr - bi * wi;
          const ti = br * wi + bi * wr;
          const ar = zr[a]!;
          const ai = zi[a]!;
          zr[b] = ar - tr;
          zi[b] = ai - ti;
          zr[a] = ar + tr;
          zi[a] = ai + ti;
        }
      }
    }
    // Split: with Z = FFT(z), E[k] = (Z[k] + conj Z[half−k]) / 2 is the even samples' transform,
    // O[k] = (Z[k] − conj Z[half−k]) / 2i the odd ones', and X[k] = E[k] + e^(−2πik/N)·O[k].
    for (let k = 0; k <= half; k++) {
      const a = k % half;
      const b = (half - k) % half;
      const er = (zr[a]! + zr[b]!) / 2;
      const ei = (zi[a]! - zi[b]!) / 2;
      const or = (zi[a]! + zi[b]!) / 2;
      const oi = -(zr[a]! - zr[b]!) / 2;
      const wr = this.splitCos[k]!;
      const wi = this.splitSin[k]!;
      re[k] = er + or * wr - oi * wi;
      im[k] = ei + or * wi + oi * wr;
    }
  }
}

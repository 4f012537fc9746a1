/**
 * The inverse of src/signal's RealFft, through that same forward transform: for a Hermitian
 * spectrum X = R + iI (R even, I odd in k), the real signal x = IDFT(X) satisfies
 * N·x[n] = Re S[n] + Im S[n] and N·x[N−n] = Re S[n] − Im S[n], where S is the forward DFT of the
 * real sequence s[k] = R[k] + I[k] (extended to k > N/2 by the symmetries). One real FFT per inverse.
 */
import { RealFft } from '../../signal/fft.js';

/** A reusable inverse real FFT of a fixed power-of-two size. */
export class InverseRealFft {
  private readonly forward: RealFft;
  private readonly folded: Float64Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;

  /** `size`: samples per transform, a power of two ≥ 4. */
  constructor(readonly size: number) {
    this.forward = new RealFft(size);
    this.folded = new Float64Array(size);
    this.re = new Float64Array(size / 2 + 1);
    this.im = new Float64Array(size / 2 + 1);
  }

  /**
   * Writes x[n] = (1/N) Σ_k X[k]·e^(2πikn/N) for n = 0..N−1 into `out`, from the bins k = 0..N/2
   * at re[at + k] and im[at + k] (the imaginary parts of bins 0 and N/2 are taken as 0).
   */
  transform(re: Float64Array, im: Float64Array, at: number, out: Float64Array): void {
    const n = this.size;
    const half = n / 2;
    const s = this.folded;
    s[0] = re[at]!;
    s[half] = re[at + half]!;
    for (let k = 1; k < half; k++) {
      const r = re[at + k]!;
      const i = im[at + k]!;
      s[k] = r + i;
      s[n - k] = r - i;
    }
    this.forward.transform(s, this.re, this.im);
    const inv = 1 / n;
    out[0] = (this.re[0]! + this.im[0]!) * inv;
    out[half] = (this.re[half]! + this.im[half]!) * inv;
    for (let m = 1; m < half; m++) {
      out[m] = (this.re[m]! + this.im[m]!) * inv;
      out[n - m] = (this.re[m]! - this.im[m]!) * inv;
    }
  }
}

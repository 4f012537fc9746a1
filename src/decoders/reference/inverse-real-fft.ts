/** The inverse of src/signal's RealFft (its `inverse`: one complex FFT of N/2 points), behind the interface the decoder uses. */
import { RealFft } from '../../signal/fft.js';

/** A reusable inverse real FFT of a fixed size (any size RealFft takes). */
export class InverseRealFft {
  private readonly fft: RealFft;

  /** `size`: samples per transform (see RealFft). */
  constructor(readonly size: number) {
    this.fft = new RealFft(size);
  }

  /**
   * Writes x[n] = (1/N) Σ_k X[k]·e^(2πikn/N) for n = 0..N−1 into `out`, from the bins k = 0..N/2
   * at re[at + k] and im[at + k] (the imaginary parts of bins 0 and N/2 are taken as 0).
   */
  transform(re: Float64Array, im: Float64Array, at: number, out: Float64Array): void {
    this.fft.inverse(re, im, out, at);
  }
}

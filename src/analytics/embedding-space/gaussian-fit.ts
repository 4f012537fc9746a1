/** A Gaussian fitted to frame embeddings: their count, mean and sample covariance. */
export interface GaussianFit {
  /** Frames the fit is over. */
  readonly frames: number;
  /** Dimension D of the embeddings. */
  readonly dim: number;
  /** D means (embedding units). */
  readonly mean: Float64Array;
  /** D × D row-major sample covariance (divided by frames − 1, as numpy.cov; all 0 for fewer than 2 frames). */
  readonly covariance: Float64Array;
}

/**
 * Accumulates frame embeddings (frames × D float32 blocks, frame-major) into a Gaussian fit in one
 * pass, in float64. Values are taken relative to the first frame seen (the shifted-data algorithm),
 * so a mean far from zero does not cancel the covariance away. O(D²) per frame.
 */
export class GaussianAccumulator {
  private frames = 0;
  private shift: Float64Array | null = null;
  private readonly sum: Float64Array;
  /** Upper triangle (row ≤ column) of Σ (x − shift)(x − shift)ᵀ. */
  private readonly scatter: Float64Array;
  private readonly centred: Float64Array;

  /** `dim`: the dimension D of every block added. */
  constructor(readonly dim: number) {
    this.sum = new Float64Array(dim);
    this.scatter = new Float64Array(dim * dim);
    this.centred = new Float64Array(dim);
  }

  /** Adds frames × D embeddings (float32 from dequantize, or float64). */
  add(embeddings: Float32Array | Float64Array): this {
    const { dim, sum, scatter, centred } = this;
    if (embeddings.length % dim !== 0) throw new RangeError(`GaussianAccumulator.add: expected a multiple of ${dim} values; received ${embeddings.length}`);
    const frames = embeddings.length / dim;
    if (frames > 0 && this.shift === null) this.shift = Float64Array.from(embeddings.subarray(0, dim));
    const shift = this.shift!;
    for (let f = 0; f < frames; f++) {
      const base = f * dim;
      for (let i = 0; i < dim; i++) centred[i] = embeddings[base + i]! - shift[i]!;
      for (let i = 0; i < dim; i++) {
        const x = centred[i]!;
        sum[i] += x;
        if (x === 0) continue;
        const row = i * dim;
        for (let j = i; j < dim; j++) scatter[row + j] += x * centred[j]!;
      }
    }
    this.frames += frames;
    return this;
  }

  /** The fit of every frame added so far. */
  fit(): GaussianFit {
    const { dim, frames, sum, scatter } = this;
    const mean = new Float64Array(dim);
    const covariance = new Float64Array(dim * dim);
    if (frames === 0) return { frames, dim, mean, covariance };
    const shift = this.shift!;
    for (let i = 0; i < dim; i++) mean[i] = shift[i]! + sum[i]! / frames;
    if (frames > 1) {
      for (let i = 0; i < dim; i++) {
        for (let j = i; j < dim; j++) {
          const c = (scatter[i * dim + j]! - (sum[i]! * sum[j]!) / frames) / (frames - 1);
          covariance[i * dim + j] = c;
          covariance[j * dim + i] = c;
        }
      }
    }
    return { frames, dim, mean, covariance };
  }
}

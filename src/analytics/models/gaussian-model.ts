import { invalidArgument } from '../../errors.js';
import { GaussianAccumulator as SampleGaussianAccumulator } from '../embedding-space/gaussian-fit.js';

/** A multivariate Gaussian of reference vectors: their mean and the Cholesky factor of their (shrunk) covariance. */
export interface GaussianModel {
  /** Dimension D of a vector. */
  readonly dim: number;
  /** Vectors it was fitted on. */
  readonly count: number;
  /** The D means. */
  readonly mean: Float64Array;
  /** Lower-triangular L, D × D row-major, with L Lᵀ = Σ + shrinkage · (trace Σ / D) · I. */
  readonly cholesky: Float64Array;
}

/** Collects vectors one batch at a time (sums and cross-products), then fits the Gaussian. */
export interface GaussianAccumulator {
  /** Adds rows × dim vectors, row-major. */
  add(vectors: Float64Array): void;
  /**
   * The maximum-likelihood Gaussian (covariance divided by the count) with `shrinkage` times the
   * mean variance added to the diagonal. INVALID_ARGUMENT naming `source` when fewer than 2
   * vectors were added or the shrunk covariance is singular.
   */
  fit(shrinkage: number, source: string): GaussianModel;
}

/**
 * An empty accumulator of `dim`-dimensional vectors. The sums are the embedding-space
 * GaussianAccumulator's (one pass, shifted data); this adds the maximum-likelihood scaling, the
 * shrinkage and the Cholesky factor the novelty score needs.
 */
export function gaussianAccumulator(dim: number): GaussianAccumulator {
  const sums = new SampleGaussianAccumulator(dim);
  return {
    add(vectors) {
      sums.add(vectors);
    },
    fit(shrinkage, source) {
      const { frames: count, mean, covariance } = sums.fit();
      if (count < 2) {
        throw invalidArgument(`${source}: expected at least 2 frames to fit a Gaussian on; received ${count}`, { source, frames: count });
      }
      // Sample covariance (÷ (n − 1)) to the maximum-likelihood one (÷ n).
      const cov = covariance.map((c) => (c * (count - 1)) / count);
      let trace = 0;
      for (let i = 0; i < dim; i++) trace += cov[i * dim + i]!;
      const ridge = (shrinkage * trace) / dim;
      for (let i = 0; i < dim; i++) cov[i * dim + i]! += ridge;
      const cholesky = choleskyFactor(cov, dim);
      if (cholesky === undefined) {
        throw invalidArgument(
          `${source}: the covariance of its ${count} frames' embeddings is singular (total variance ${trace}); ` +
            `expected a reference whose frames vary in every direction, or shrinkage > 0; received shrinkage ${shrinkage}`,
          { source, frames: count, shrinkage },
        );
      }
      return { dim, count, mean, cholesky };
    },
  };
}

/** L with L Lᵀ = a (a symmetric, dim × dim row-major), or undefined when a is not positive definite. */
function choleskyFactor(a: Float64Array, dim: number): Float64Array | undefined {
  const l = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * dim + j]!;
      for (let k = 0; k < j; k++) s -= l[i * dim + k]! * l[j * dim + k]!;
      if (i === j) {
        // A pivot lost to rounding (relative to the diagonal) means a singular matrix.
        if (!(s > a[i * dim + i]! * 1e-12)) return undefined;
        l[i * dim + i] = Math.sqrt(s);
      } else {
        l[i * dim + j] = s / l[j * dim + j]!;
      }
    }
  }
  return l;
}

/** Squared Mahalanobis distance of each of rows × dim vectors to the model: ‖L⁻¹(x − μ)‖². */
export function mahalanobisSquared(model: GaussianModel, vectors: Float64Array): Float64Array {
  const { dim, mean, cholesky: l } = model;
  const rows = vectors.length / dim;
  const out = new Float64Array(rows);
  const inverseDiagonal = new Float64Array(dim);
  for (let i = 0; i < dim; i++) inverseDiagonal[i] = 1 / l[i * dim + i]!;
  // Forward substitution L y = x − μ, four vectors at a time: each entry of L is loaded once for
  // four independent sums, which runs about 2.5× faster than one vector at a time.
  const y = new Float64Array(4 * dim);
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const a0 = r * dim;
    const a1 = a0 + dim;
    const a2 = a1 + dim;
    const a3 = a2 + dim;
    let t0 = 0;
    let t1 = 0;
    let t2 = 0;
    let t3 = 0;
    for (let i = 0; i < dim; i++) {
      const m = mean[i]!;
      let s0 = vectors[a0 + i]! - m;
      let s1 = vectors[a1 + i]! - m;
      let s2 = vectors[a2 + i]! - m;
      let s3 = vectors[a3 + i]! - m;
      const row = i * dim;
      for (let k = 0; k < i; k++) {
        const c = l[row + k]!;
        s0 -= c * y[k]!;
        s1 -= c * y[dim + k]!;
        s2 -= c * y[2 * dim + k]!;
        s3 -= c * y[3 * dim + k]!;
      }
      const q = inverseDiagonal[i]!;
      y[i] = s0 *= q;
      y[dim + i] = s1 *= q;
      y[2 * dim + i] = s2 *= q;
      y[3 * dim + i] = s3 *= q;
      t0 += s0 * s0;
      t1 += s1 * s1;
      t2 += s2 * s2;
      t3 += s3 * s3;
    }
    out[r] = t0;
    out[r + 1] = t1;
    out[r + 2] = t2;
    out[r + 3] = t3;
  }
  for (; r < rows; r++) {
    let total = 0;
    for (let i = 0; i < dim; i++) {
      let s = vectors[r * dim + i]! - mean[i]!;
      for (let k = 0; k < i; k++) s -= l[i * dim + k]! * y[k]!;
      const v = s * inverseDiagonal[i]!;
      y[i] = v;
      total += v * v;
    }
    out[r] = total;
  }
  return out;
}

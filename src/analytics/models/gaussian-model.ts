import { invalidArgument } from '../../errors.js';

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

/** An empty accumulator of `dim`-dimensional vectors. */
export function gaussianAccumulator(dim: number): GaussianAccumulator {
  // Cross-products are taken about the first vector seen, which keeps the subtraction of the
  // squared mean from cancelling away the covariance when the vectors sit far from the origin.
  let shift: Float64Array | undefined;
  let count = 0;
  const sum = new Float64Array(dim);
  const cross = new Float64Array(dim * dim); // upper triangle used
  const x = new Float64Array(dim);
  return {
    add(vectors) {
      const rows = vectors.length / dim;
      for (let r = 0; r < rows; r++) {
        if (shift === undefined) shift = vectors.slice(r * dim, (r + 1) * dim);
        for (let d = 0; d < dim; d++) x[d] = vectors[r * dim + d]! - shift[d]!;
        for (let i = 0; i < dim; i++) {
          const xi = x[i]!;
          sum[i]! += xi;
          for (let j = i; j < dim; j++) cross[i * dim + j]! += xi * x[j]!;
        }
      }
      count += rows;
    },
    fit(shrinkage, source) {
      if (count < 2 || shift === undefined) {
        throw invalidArgument(`${source}: expected at least 2 frames to fit a Gaussian on; received ${count}`, { source, frames: count });
      }
      const mean = new Float64Array(dim);
      for (let d = 0; d < dim; d++) mean[d] = sum[d]! / count;
      const cov = new Float64Array(dim * dim);
      let trace = 0;
      for (let i = 0; i < dim; i++) {
        for (let j = i; j < dim; j++) {
          const c = cross[i * dim + j]! / count - mean[i]! * mean[j]!;
          cov[i * dim + j] = c;
          cov[j * dim + i] = c;
        }
        trace += cov[i * dim + i]!;
      }
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
      for (let d = 0; d < dim; d++) mean[d]! += shift[d]!;
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
  const y = new Float64Array(dim);
  for (let r = 0; r < rows; r++) {
    let total = 0;
    for (let i = 0; i < dim; i++) {
      let s = vectors[r * dim + i]! - mean[i]!;
      for (let k = 0; k < i; k++) s -= l[i * dim + k]! * y[k]!;
      const v = s / l[i * dim + i]!;
      y[i] = v;
      total += v * v;
    }
    out[r] = total;
  }
  return out;
}

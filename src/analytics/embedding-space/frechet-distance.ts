import type { GaussianFit } from './gaussian-fit.js';
import { symmetricEigen } from './symmetric-eigen.js';

function checkSameDim(a: GaussianFit, b: GaussianFit): void {
  if (a.dim !== b.dim) throw new RangeError(`Gaussian fits of different dimensions: ${a.dim} and ${b.dim}`);
}

/** Euclidean distance between the two means, ‖μa − μb‖ (embedding units). */
export function meanDistance(a: GaussianFit, b: GaussianFit): number {
  checkSameDim(a, b);
  let s = 0;
  for (let i = 0; i < a.dim; i++) s += (a.mean[i]! - b.mean[i]!) ** 2;
  return Math.sqrt(s);
}

/** n × n row-major product x · y. */
function multiply(x: Float64Array, y: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const xik = x[i * n + k]!;
      if (xik === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j] += xik * y[k * n + j]!;
    }
  }
  return out;
}

/**
 * The Fréchet distance of two Gaussians as FID reports it (a squared distance, squared embedding
 * units): ‖μa − μb‖² + Tr(Σa) + Tr(Σb) − 2·Tr((Σa Σb)^½). The trace of the square root is the sum of
 * √eigenvalues of Σa^½ Σb Σa^½ (symmetric, positive semi-definite), with Σa^½ from Σa's own
 * eigen-decomposition; eigenvalues that rounding makes slightly negative count as 0, and so does a
 * result below 0. O(D³).
 */
export function frechetDistance(a: GaussianFit, b: GaussianFit): number {
  checkSameDim(a, b);
  const n = a.dim;
  let trace = 0;
  for (let i = 0; i < n; i++) trace += a.covariance[i * n + i]! + b.covariance[i * n + i]!;
  const { values, vectors } = symmetricEigen(a.covariance, n);
  // Σa^½ = V diag(√λ) Vᵀ
  const scaled = new Float64Array(n * n);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) scaled[r * n + c] = vectors[r * n + c]! * Math.sqrt(Math.max(0, values[c]!));
  const root = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += scaled[i * n + k]! * vectors[j * n + k]!;
      root[i * n + j] = s;
      root[j * n + i] = s;
    }
  }
  const inner = multiply(multiply(root, b.covariance, n), root, n);
  // Symmetrise what rounding left asymmetric before the symmetric solver reads it.
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const m = 0.5 * (inner[i * n + j]! + inner[j * n + i]!);
      inner[i * n + j] = m;
      inner[j * n + i] = m;
    }
  }
  let traceRoot = 0;
  for (const mu of symmetricEigen(inner, n).values) traceRoot += Math.sqrt(Math.max(0, mu));
  return Math.max(0, meanDistance(a, b) ** 2 + trace - 2 * traceRoot);
}

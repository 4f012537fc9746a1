import type { Codebooks } from './codebooks.js';

/** Principal components a colour takes: red, green, blue. */
const COMPONENTS = 3;
/** Power-iteration steps per component: the codebooks' covariance is small (D ≤ a few hundred) and its top eigenvalues well apart. */
const ITERATIONS = 200;
/** A component's ±SPREAD standard deviations span 0..255; tokens further out are clipped. */
const SPREAD = 2;

/**
 * A fixed colour for every codebook entry: per layer, each vector projected on the first three
 * principal components of that layer's 2048 vectors (red, green, blue), each scaled so ±2 standard
 * deviations span 0..255 around mid-grey. Deterministic: power iteration from a fixed start, and
 * each component's sign chosen so its largest loading is positive. Returns layers × entries × 3
 * bytes, layer-major (layer L, token t at ((L − 1) × entries + t) × 3).
 */
export function codebookColours(codebooks: Codebooks): Uint8Array {
  const { layers, entries, dim, vectors } = codebooks;
  const out = new Uint8Array(layers * entries * COMPONENTS);
  for (let l = 0; l < layers; l++) {
    const base = l * entries * dim;
    const mean = new Float64Array(dim);
    for (let t = 0; t < entries; t++) for (let d = 0; d < dim; d++) mean[d]! += vectors[base + t * dim + d]! / entries;
    const cov = new Float64Array(dim * dim);
    for (let t = 0; t < entries; t++) {
      for (let i = 0; i < dim; i++) {
        const xi = vectors[base + t * dim + i]! - mean[i]!;
        if (xi === 0) continue;
        for (let j = i; j < dim; j++) cov[i * dim + j]! += (xi * (vectors[base + t * dim + j]! - mean[j]!)) / entries;
      }
    }
    for (let i = 0; i < dim; i++) for (let j = 0; j < i; j++) cov[i * dim + j] = cov[j * dim + i]!;
    const axes = principalAxes(cov, dim, COMPONENTS);
    for (let c = 0; c < COMPONENTS; c++) {
      const axis = axes[c];
      const projected = new Float64Array(entries);
      let sq = 0;
      for (let t = 0; t < entries; t++) {
        let p = 0;
        if (axis) for (let d = 0; d < dim; d++) p += (vectors[base + t * dim + d]! - mean[d]!) * axis[d]!;
        projected[t] = p;
        sq += p * p;
      }
      const sd = Math.sqrt(sq / entries);
      for (let t = 0; t < entries; t++) {
        const z = sd > 0 ? projected[t]! / (SPREAD * sd) : 0;
        out[(l * entries + t) * COMPONENTS + c] = Math.round(((Math.max(-1, Math.min(1, z)) + 1) / 2) * 255);
      }
    }
  }
  return out;
}

/**
 * The `k` leading eigenvectors of the symmetric dim × dim matrix `m` (row-major), by power iteration
 * with deflation; fewer when the matrix has fewer non-zero directions (a component of zero variance
 * is left out, and its colour channel stays mid-grey).
 */
function principalAxes(m: Float64Array, dim: number, k: number): Float64Array[] {
  const a = Float64Array.from(m);
  const axes: Float64Array[] = [];
  for (let c = 0; c < k; c++) {
    let v = new Float64Array(dim).map((_, i) => 1 / Math.sqrt(dim) + (i % (c + 2)) * 1e-3);
    let lambda = 0;
    for (let it = 0; it < ITERATIONS; it++) {
      const w = new Float64Array(dim);
      for (let i = 0; i < dim; i++) {
        let s = 0;
        for (let j = 0; j < dim; j++) s += a[i * dim + j]! * v[j]!;
        w[i] = s;
      }
      const norm = Math.hypot(...w);
      if (!(norm > 1e-12)) return axes;
      lambda = norm;
      v = w.map((x) => x / norm);
    }
    let largest = 0;
    for (let i = 0; i < dim; i++) if (Math.abs(v[i]!) > Math.abs(v[largest]!)) largest = i;
    if (v[largest]! < 0) v = v.map((x) => -x);
    axes.push(v);
    for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) a[i * dim + j]! -= lambda * v[i]! * v[j]!;
  }
  return axes;
}

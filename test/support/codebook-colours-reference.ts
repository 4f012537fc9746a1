/**
 * codebookColours as it was before its loops were blocked (commit 758d557): one pass over the
 * layer's vectors per direction and step. Kept for the test that the blocked version colours alike.
 */
import { mulberry32 } from '../../src/jsutils/mulberry32.js';
import type { Codebooks } from '../../src/codebooks/codebooks.js';

/** Principal components a colour takes: red, green, blue. */
const COMPONENTS = 3;
/** Directions the subspace iteration carries: the three wanted and three more, so the third converges too. */
const SUBSPACE = 6;
/** Subspace (block power) iterations: enough for the leading components of a codebook, measured in docs/benchmarks.md. */
const ITERATIONS = 8;
/** A component's ±SPREAD standard deviations span 0..255; tokens further out are clipped. */
const SPREAD = 2;

/**
 * A fixed colour for every codebook entry: per layer, each vector projected on the first three
 * principal components of that layer's 2048 vectors (red, green, blue), each scaled so ±2 standard
 * deviations span 0..255 around mid-grey. The components come from a seeded subspace iteration with
 * a Rayleigh–Ritz step (never the D × D covariance, so D = 512 stays cheap); each component's sign
 * is chosen so its largest loading is positive. Deterministic. Returns layers × entries × 3 bytes,
 * layer-major (layer L, token t at ((L − 1) × entries + t) × 3).
 */
export function referenceCodebookColours(codebooks: Codebooks): Uint8Array {
  const { layers, entries, dim, vectors } = codebooks;
  const out = new Uint8Array(layers * entries * COMPONENTS);
  const x = new Float64Array(entries * dim);
  for (let l = 0; l < layers; l++) {
    const base = l * entries * dim;
    const mean = new Float64Array(dim);
    for (let t = 0; t < entries; t++) for (let d = 0; d < dim; d++) mean[d]! += vectors[base + t * dim + d]!;
    for (let d = 0; d < dim; d++) mean[d] = mean[d]! / entries;
    for (let t = 0; t < entries; t++) for (let d = 0; d < dim; d++) x[t * dim + d] = vectors[base + t * dim + d]! - mean[d]!;
    const axes = principalAxes(x, entries, dim, COMPONENTS);
    for (let c = 0; c < COMPONENTS; c++) {
      const axis = axes[c];
      const projected = axis ? project(x, entries, dim, axis) : new Float64Array(entries);
      let sq = 0;
      for (let t = 0; t < entries; t++) sq += projected[t]! * projected[t]!;
      const sd = Math.sqrt(sq / entries);
      for (let t = 0; t < entries; t++) {
        const z = sd > 1e-12 ? projected[t]! / (SPREAD * sd) : 0;
        out[(l * entries + t) * COMPONENTS + c] = Math.round(((Math.max(-1, Math.min(1, z)) + 1) / 2) * 255);
      }
    }
  }
  return out;
}

/** x (n × dim, row-major) times vector v: n values. */
function project(x: Float64Array, n: number, dim: number, v: Float64Array): Float64Array {
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let s = 0;
    const o = t * dim;
    for (let d = 0; d < dim; d++) s += x[o + d]! * v[d]!;
    out[t] = s;
  }
  return out;
}

/** xᵀ w (w: n values): dim values. */
function projectBack(x: Float64Array, n: number, dim: number, w: Float64Array): Float64Array {
  const out = new Float64Array(dim);
  for (let t = 0; t < n; t++) {
    const wt = w[t]!;
    if (wt === 0) continue;
    const o = t * dim;
    for (let d = 0; d < dim; d++) out[d]! += x[o + d]! * wt;
  }
  return out;
}

/** Orthonormalises `vs` in place (modified Gram–Schmidt), dropping directions with no length left. */
function orthonormalise(vs: Float64Array[]): Float64Array[] {
  const kept: Float64Array[] = [];
  for (const v of vs) {
    for (const u of kept) {
      let dot = 0;
      for (let d = 0; d < v.length; d++) dot += v[d]! * u[d]!;
      for (let d = 0; d < v.length; d++) v[d]! -= dot * u[d]!;
    }
    let norm = 0;
    for (let d = 0; d < v.length; d++) norm += v[d]! * v[d]!;
    norm = Math.sqrt(norm);
    if (norm < 1e-9) continue;
    for (let d = 0; d < v.length; d++) v[d] = v[d]! / norm;
    kept.push(v);
  }
  return kept;
}

/**
 * The `k` leading principal axes of the centred rows of x (n × dim), largest variance first: block
 * power iteration on xᵀx from seeded directions, then the small projected problem solved exactly
 * (Jacobi). Fewer than `k` when the rows span fewer directions.
 */
function principalAxes(x: Float64Array, n: number, dim: number, k: number): Float64Array[] {
  const random = mulberry32(0x5eed);
  let vs = orthonormalise(Array.from({ length: Math.min(SUBSPACE, dim) }, () => Float64Array.from({ length: dim }, () => random() - 0.5)));
  for (let it = 0; it < ITERATIONS && vs.length; it++) vs = orthonormalise(vs.map((v) => projectBack(x, n, dim, project(x, n, dim, v))));
  const m = vs.length;
  if (m === 0) return [];
  const ws = vs.map((v) => project(x, n, dim, v));
  const t = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += ws[i]![r]! * ws[j]![r]!;
      t[i * m + j] = t[j * m + i] = s;
    }
  }
  const { values, vectors } = jacobi(t, m);
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => values[b]! - values[a]!);
  const axes: Float64Array[] = [];
  for (const i of order.slice(0, k)) {
    if (!(values[i]! > 1e-12 * Math.max(1, values[order[0]!]!))) break;
    const axis = new Float64Array(dim);
    for (let j = 0; j < m; j++) for (let d = 0; d < dim; d++) axis[d]! += vectors[j * m + i]! * vs[j]![d]!;
    let largest = 0;
    for (let d = 0; d < dim; d++) if (Math.abs(axis[d]!) > Math.abs(axis[largest]!)) largest = d;
    if (axis[largest]! < 0) for (let d = 0; d < dim; d++) axis[d] = -axis[d]!;
    axes.push(axis);
  }
  return axes;
}

/** Eigenvalues and eigenvectors (columns of `vectors`, m × m row-major) of a small symmetric matrix, by cyclic Jacobi rotations. */
function jacobi(matrix: Float64Array, m: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(m * m);
  for (let i = 0; i < m; i++) v[i * m + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < m; p++) for (let q = p + 1; q < m; q++) off += a[p * m + q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < m; p++) {
      for (let q = p + 1; q < m; q++) {
        const apq = a[p * m + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * m + q]! - a[p * m + p]!) / (2 * apq);
        const tan = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(tan * tan + 1);
        const s = tan * c;
        for (let r = 0; r < m; r++) {
          const arp = a[r * m + p]!;
          const arq = a[r * m + q]!;
          a[r * m + p] = c * arp - s * arq;
          a[r * m + q] = s * arp + c * arq;
        }
        for (let r = 0; r < m; r++) {
          const apr = a[p * m + r]!;
          const aqr = a[q * m + r]!;
          a[p * m + r] = c * apr - s * aqr;
          a[q * m + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < m; r++) {
          const vrp = v[r * m + p]!;
          const vrq = v[r * m + q]!;
          v[r * m + p] = c * vrp - s * vrq;
          v[r * m + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  return { values: Float64Array.from({ length: m }, (_, i) => a[i * m + i]!), vectors: v };
}

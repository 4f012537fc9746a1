import { mulberry32 } from '../jsutils/mulberry32.js';
import type { Codebooks } from './codebooks.js';

/** What the colours are computed from: the vectors of a model's codebooks and their shape. */
export type CodebookVectors = Pick<Codebooks, 'layers' | 'entries' | 'dim' | 'vectors'>;

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
export function codebookColours(codebooks: CodebookVectors): Uint8Array {
  const { layers, entries, dim, vectors } = codebooks;
  const out = new Uint8Array(layers * entries * COMPONENTS);
  const x = new Float64Array(entries * dim);
  for (let l = 0; l < layers; l++) {
    const base = l * entries * dim;
    const mean = new Float64Array(dim);
    for (let t = 0; t < entries; t++) for (let d = 0; d < dim; d++) mean[d]! += vectors[base + t * dim + d]!;
    for (let d = 0; d < dim; d++) mean[d] = mean[d]! / entries;
    for (let t = 0; t < entries; t++) for (let d = 0; d < dim; d++) x[t * dim + d] = vectors[base + t * dim + d]! - mean[d]!;
    const projections = projectAll(x, entries, dim, principalAxes(x, entries, dim, COMPONENTS));
    for (let c = 0; c < COMPONENTS; c++) {
      const projected = projections[c] ?? new Float64Array(entries);
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

/** The six vectors the fused loops below take: `vs`, then zero vectors in the slots it leaves. */
function sixOf(vs: readonly Float64Array[], length: number): Float64Array[] {
  if (vs.length > SUBSPACE) throw new Error(`at most ${SUBSPACE} directions; received ${vs.length}`);
  return Array.from({ length: SUBSPACE }, (_, j) => vs[j] ?? new Float64Array(length));
}

/**
 * x (n × dim, row-major) times each of `vs` (at most SUBSPACE): one list of n values per vector,
 * in one pass over x with the dot products side by side (six independent sums, so the loop is not
 * held up by the latency of one). Each sum runs over d in order, as one vector at a time would:
 * the results are the same to the bit.
 */
function projectAll(x: Float64Array, n: number, dim: number, vs: readonly Float64Array[]): Float64Array[] {
  const [v0, v1, v2, v3, v4, v5] = sixOf(vs, dim) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  const out = sixOf([], n);
  for (let t = 0; t < n; t++) {
    const o = t * dim;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    for (let d = 0; d < dim; d++) {
      const xd = x[o + d]!;
      s0 += xd * v0[d]!;
      s1 += xd * v1[d]!;
      s2 += xd * v2[d]!;
      s3 += xd * v3[d]!;
      s4 += xd * v4[d]!;
      s5 += xd * v5[d]!;
    }
    out[0]![t] = s0;
    out[1]![t] = s1;
    out[2]![t] = s2;
    out[3]![t] = s3;
    out[4]![t] = s4;
    out[5]![t] = s5;
  }
  return out.slice(0, vs.length);
}

/** xᵀ w for each w of `ws` (n values each, at most SUBSPACE): dim values each, in one pass over x, each summed over the rows in order. */
function projectBackAll(x: Float64Array, n: number, dim: number, ws: readonly Float64Array[]): Float64Array[] {
  const [w0, w1, w2, w3, w4, w5] = sixOf(ws, n) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  const [z0, z1, z2, z3, z4, z5] = sixOf([], dim) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  for (let t = 0; t < n; t++) {
    const o = t * dim;
    const a0 = w0[t]!;
    const a1 = w1[t]!;
    const a2 = w2[t]!;
    const a3 = w3[t]!;
    const a4 = w4[t]!;
    const a5 = w5[t]!;
    for (let d = 0; d < dim; d++) {
      const xd = x[o + d]!;
      z0[d]! += xd * a0;
      z1[d]! += xd * a1;
      z2[d]! += xd * a2;
      z3[d]! += xd * a3;
      z4[d]! += xd * a4;
      z5[d]! += xd * a5;
    }
  }
  return [z0, z1, z2, z3, z4, z5].slice(0, ws.length);
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
  for (let it = 0; it < ITERATIONS && vs.length; it++) vs = orthonormalise(projectBackAll(x, n, dim, projectAll(x, n, dim, vs)));
  const m = vs.length;
  if (m === 0) return [];
  const ws = projectAll(x, n, dim, vs);
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

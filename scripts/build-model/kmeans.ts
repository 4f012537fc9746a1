/**
 * Deterministic k-means for one residual stage: seeded random initial centroids drawn from distinct
 * rows, Lloyd iterations, and empty clusters re-seeded from the rows farthest from their centroid,
 * so every one of the k entries stays in use on the training data.
 */
import { permutation } from './prng.js';
import type { Assignment, NearestCentroid } from './nearest-centroid.js';

/** Options of one k-means run. */
export interface KMeansOptions {
  readonly k: number;
  readonly dim: number;
  /** Lloyd iterations (each one assignment pass plus one update). */
  readonly iterations: number;
  readonly random: () => number;
}

/** The trained centroids [k, dim] and the final assignment of every row to them. */
export interface KMeansResult {
  readonly centroids: Float32Array;
  readonly assignment: Assignment;
  /** Empty clusters re-seeded over all iterations. */
  readonly reseeded: number;
}

function rowKey(data: Float32Array, row: number, dim: number): string {
  return Buffer.from(data.buffer, data.byteOffset + row * dim * 4, dim * 4).toString('base64');
}

/** Runs k-means on `count` rows of `data` (row-major [count, dim]). */
export async function kMeans(data: Float32Array, count: number, search: NearestCentroid, options: KMeansOptions): Promise<KMeansResult> {
  const { k, dim } = options;
  const centroids = new Float32Array(k * dim);
  const used = new Set<string>();
  let filled = 0;
  for (const row of permutation(count, options.random)) {
    if (filled === k) break;
    const key = rowKey(data, row, dim);
    if (used.has(key)) continue; // duplicate rows (digital silence) would make duplicate centroids
    used.add(key);
    centroids.set(data.subarray(row * dim, (row + 1) * dim), filled * dim);
    filled++;
  }
  if (filled < k) throw new Error(`k-means: ${count} rows hold only ${filled} distinct vectors; need ${k}`);

  let reseeded = 0;
  let assignment = await search.assign(data, count, centroids);
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    const sums = new Float64Array(k * dim);
    const counts = new Uint32Array(k);
    for (let r = 0; r < count; r++) {
      const c = assignment.index[r]!;
      counts[c]!++;
      for (let d = 0; d < dim; d++) sums[c * dim + d] += data[r * dim + d]!;
    }
    const empty: number[] = [];
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) empty.push(c);
      else for (let d = 0; d < dim; d++) centroids[c * dim + d] = sums[c * dim + d]! / counts[c]!;
    }
    if (empty.length > 0) {
      reseeded += empty.length;
      reseedFromFarthest(data, dim, assignment, centroids, empty);
    }
    assignment = await search.assign(data, count, centroids);
  }
  // The last update can leave a cluster empty under the final assignment: re-seed until none is.
  for (let round = 0; round < 3; round++) {
    const counts = new Uint32Array(k);
    for (let r = 0; r < count; r++) counts[assignment.index[r]!]!++;
    const empty = Array.from(counts.keys()).filter((c) => counts[c] === 0);
    if (empty.length === 0) break;
    reseeded += empty.length;
    reseedFromFarthest(data, dim, assignment, centroids, empty);
    assignment = await search.assign(data, count, centroids);
  }
  return { centroids, assignment, reseeded };
}

/** Moves each empty cluster onto a distinct row among those farthest from their centroid. */
function reseedFromFarthest(data: Float32Array, dim: number, assignment: Assignment, centroids: Float32Array, empty: readonly number[]): void {
  const order = Array.from(assignment.distance.keys()).sort((a, b) => assignment.distance[b]! - assignment.distance[a]! || a - b);
  const taken = new Set<string>();
  for (let c = 0; c < centroids.length / dim; c++) taken.add(rowKey(centroids, c, dim));
  let at = 0;
  for (const c of empty) {
    while (at < order.length && taken.has(rowKey(data, order[at]!, dim))) at++;
    if (at === order.length) return; // fewer distinct rows than clusters: leave the rest as they are
    const row = order[at++]!;
    taken.add(rowKey(data, row, dim));
    centroids.set(data.subarray(row * dim, (row + 1) * dim), c * dim);
  }
}

/** Trains the 16 residual codebooks, stage by stage, each by k-means on the previous stage's residuals. */
import { CODEBOOK_SIZE, LAYER_COUNT } from '../../src/domain/contract.js';
import { kMeans } from './kmeans.js';
import { openNearestCentroid } from './nearest-centroid.js';
import { mulberry32 } from './prng.js';
import type { FeatureSet } from './features.js';

/** Options of `trainResidualCodebooks`. */
export interface RvqTrainingOptions {
  readonly dim: number;
  readonly iterations: number;
  readonly seed: number;
  /** Called after each stage with its 1-based layer number and figures. */
  readonly onStage?: (report: StageReport) => void;
}

/** What one stage did on the training vectors. */
export interface StageReport {
  readonly layer: number;
  /** Mean squared residual per vector after this stage (standardised feature units). */
  readonly residualEnergy: number;
  /** Distinct codes the training vectors use. */
  readonly used: number;
  readonly reseeded: number;
  readonly seconds: number;
}

/** 16 codebooks of 2048 × dim; `set` is consumed (its data becomes the final residual). */
export async function trainResidualCodebooks(set: FeatureSet, options: RvqTrainingOptions): Promise<Float32Array[]> {
  const { dim } = options;
  const random = mulberry32(options.seed);
  const search = await openNearestCentroid(dim, CODEBOOK_SIZE);
  const residual = set.data;
  const codebooks: Float32Array[] = [];
  try {
    for (let layer = 1; layer <= LAYER_COUNT; layer++) {
      const started = performance.now();
      const { centroids, assignment, reseeded } = await kMeans(residual, set.count, search, { k: CODEBOOK_SIZE, dim, iterations: options.iterations, random });
      const used = new Set<number>();
      let energy = 0;
      for (let r = 0; r < set.count; r++) {
        const c = assignment.index[r]!;
        used.add(c);
        for (let d = 0; d < dim; d++) {
          // float32 subtraction, as the graph's Sub does
          const v = Math.fround(residual[r * dim + d]! - centroids[c * dim + d]!);
          residual[r * dim + d] = v;
          energy += v * v;
        }
      }
      codebooks.push(centroids);
      options.onStage?.({ layer, residualEnergy: energy / set.count, used: used.size, reseeded, seconds: (performance.now() - started) / 1000 });
    }
  } finally {
    await search.release();
  }
  return codebooks;
}

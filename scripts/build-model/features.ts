/**
 * Training features computed by the front end's own ONNX graph in onnxruntime, so the vectors
 * k-means sees are the ones the exported model computes, bit for bit.
 */
import * as ort from 'onnxruntime-node';
import { SAMPLES_PER_FRAME } from '../../src/domain/contract.js';
import { buildFrontEndModel } from './encoder-graph.js';
import { FEATURE_DIM } from './front-end.js';
import type { FeatureNormalisation } from './front-end.js';

/** Row-major [count, FEATURE_DIM] feature vectors. */
export interface FeatureSet {
  readonly count: number;
  readonly data: Float32Array;
}

/** A session running the front end; `release` frees it. */
export interface FrontEnd {
  /** Features of one signal: ceil(length / 1920) rows. */
  features(samples: Float32Array): Promise<Float32Array>;
  release(): Promise<void>;
}

/** Opens the front end (unstandardised when `norm` is undefined). */
export async function openFrontEnd(norm?: FeatureNormalisation): Promise<FrontEnd> {
  const session = await ort.InferenceSession.create(buildFrontEndModel(norm), { graphOptimizationLevel: 'all' });
  return {
    async features(samples) {
      const out = await session.run({ audio: new ort.Tensor('float32', samples, [1, samples.length]) });
      return out['features']!.data as Float32Array;
    },
    release: () => session.release(),
  };
}

/**
 * Raw features of every signal at `offsets` frame-grid shifts (samples dropped from the start:
 * 0, 1920/k, 2·1920/k, …), concatenated in signal order then offset order.
 */
export async function extractFeatures(signals: readonly Float32Array[], offsets: number): Promise<FeatureSet> {
  const frontEnd = await openFrontEnd();
  try {
    const parts: Float32Array[] = [];
    for (const signal of signals) {
      for (let o = 0; o < offsets; o++) {
        const shift = Math.round((o * SAMPLES_PER_FRAME) / offsets);
        if (signal.length - shift <= 0) continue;
        parts.push(await frontEnd.features(signal.subarray(shift)));
      }
    }
    const total = parts.reduce((sum, p) => sum + p.length, 0);
    const data = new Float32Array(total);
    let at = 0;
    for (const p of parts) {
      data.set(p, at);
      at += p.length;
    }
    return { count: total / FEATURE_DIM, data };
  } finally {
    await frontEnd.release();
  }
}

/** Per-dimension mean and 1/std over all vectors (float64 sums, stored as float32). */
export function fitNormalisation(set: FeatureSet): FeatureNormalisation {
  const sum = new Float64Array(FEATURE_DIM);
  const sumSq = new Float64Array(FEATURE_DIM);
  for (let i = 0; i < set.count; i++) {
    for (let d = 0; d < FEATURE_DIM; d++) {
      const v = set.data[i * FEATURE_DIM + d]!;
      sum[d] += v;
      sumSq[d] += v * v;
    }
  }
  const mean = new Float32Array(FEATURE_DIM);
  const invStd = new Float32Array(FEATURE_DIM);
  for (let d = 0; d < FEATURE_DIM; d++) {
    const m = sum[d]! / set.count;
    const variance = Math.max(sumSq[d]! / set.count - m * m, 1e-12);
    mean[d] = m;
    invStd[d] = 1 / Math.sqrt(variance);
  }
  return { mean, invStd };
}

/** Standardises in place exactly as the graph does: float32 (x − mean), then float32 × invStd. */
export function standardise(set: FeatureSet, norm: FeatureNormalisation): void {
  for (let i = 0; i < set.count; i++) {
    for (let d = 0; d < FEATURE_DIM; d++) {
      const at = i * FEATURE_DIM + d;
      set.data[at] = Math.fround(Math.fround(set.data[at]! - norm.mean[d]!) * norm.invStd[d]!);
    }
  }
}

/**
 * Nearest-centroid search for k-means, run by onnxruntime (one GEMM plus TopK per batch of rows):
 * the build's heavy arithmetic, about 50× faster than plain JavaScript loops on this CPU.
 */
import * as ort from 'onnxruntime-node';
import { OnnxGraphBuilder } from '../../src/onnx/graph-builder.js';
import { NamedGraph } from './graph-names.js';
import { scoringTerms } from './encoder-graph.js';

/** Rows per onnxruntime call: keeps the [rows, K] score matrix near 32 MB. */
const BATCH_ROWS = 4096;

/** Index of each row's nearest centroid and the squared distance to it. */
export interface Assignment {
  readonly index: Int32Array;
  readonly distance: Float64Array;
}

/** A session comparing rows of dimension `dim` against `k` centroids. */
export interface NearestCentroid {
  assign(data: Float32Array, count: number, centroids: Float32Array): Promise<Assignment>;
  release(): Promise<void>;
}

/** Opens the search graph: rows [n, dim], −2·Cᵀ [dim, k], ‖c‖² [k] → nearest index and score. */
export async function openNearestCentroid(dim: number, k: number): Promise<NearestCentroid> {
  const builder = new OnnxGraphBuilder('nearest_centroid');
  const g = new NamedGraph(builder);
  builder.input('rows', 'float32', ['n', dim]).input('minus_two_t', 'float32', [dim, k]).input('squared_norms', 'float32', [k]);
  const score = g.op('Add', [g.op('MatMul', ['rows', 'minus_two_t']), 'squared_norms']);
  const [best, index] = g.opN('TopK', [score, g.i64([1], [1])], 2, { axis: 1, largest: 0, sorted: 1 });
  builder.node('Identity', [best!], ['best']).node('Identity', [index!], ['index']);
  builder.output('best', 'float32', ['n', 1]).output('index', 'int64', ['n', 1]);
  const session = await ort.InferenceSession.create(builder.toBytes(17), { graphOptimizationLevel: 'all' });
  return {
    async assign(data, count, centroids) {
      const { minusTwoT, squaredNorms } = scoringTerms(centroids, dim);
      const weights = new ort.Tensor('float32', minusTwoT, [dim, k]);
      const norms = new ort.Tensor('float32', squaredNorms, [k]);
      const index = new Int32Array(count);
      const distance = new Float64Array(count);
      for (let start = 0; start < count; start += BATCH_ROWS) {
        const rows = Math.min(BATCH_ROWS, count - start);
        const slice = data.subarray(start * dim, (start + rows) * dim);
        const out = await session.run({ rows: new ort.Tensor('float32', slice, [rows, dim]), minus_two_t: weights, squared_norms: norms });
        const best = out['best']!.data as Float32Array;
        const idx = out['index']!.data as BigInt64Array;
        for (let r = 0; r < rows; r++) {
          let norm = 0;
          for (let d = 0; d < dim; d++) norm += slice[r * dim + d]! ** 2;
          index[start + r] = Number(idx[r]!);
          distance[start + r] = Math.max(0, norm + best[r]!);
        }
      }
      return { index, distance };
    },
    release: () => session.release(),
  };
}

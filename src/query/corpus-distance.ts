import { frechetDistance, meanDistance } from '../analytics/embedding-space/frechet-distance.js';
import { jensenShannonBits } from '../analytics/embedding-space/jensen-shannon.js';
import { CODEBOOK_SIZE, LAYER_COUNT, layerIndex } from '../domain/contract.js';
import { ErrorCode, TokenscopeError, invalidArgument } from '../errors.js';
import type { CorpusRow } from '../store/rows.js';
import type { Store } from '../store/store.js';
import { checkLayers } from './check-layers.js';
import { corpusGaussian } from './corpus-gaussian.js';
import { optionalCodebooks } from './optional-codebooks.js';
import { requireModelCorpus } from './require-model-corpus.js';
import type { ResultCache } from './result-cache.js';

/** What corpusDistance compares. */
export interface CorpusDistanceQuery {
  a: string;
  b: string;
  /** The model whose codes are compared; when absent, the one model both corpora hold. */
  model?: string | null | undefined;
  /** Layers of the token-count part, 1..16; all when absent. */
  layers?: readonly number[] | null | undefined;
}

/** Two corpora compared by their token counts and in embedding space. */
export interface CorpusDistanceResult {
  a: CorpusRow;
  b: CorpusRow;
  model: string;
  /** Frames of `model` in a and in b. */
  framesA: number;
  framesB: number;
  /** Per layer asked for, the Jensen–Shannon divergence (bits) of the two token distributions. */
  layers: { layer: number; jensenShannonBits: number }[];
  /** Embedding-space figures; null when the model has no codebooks. */
  embedding: { dim: number; meanDistance: number; frechetDistance: number } | null;
}

async function pickModel(store: Store, a: CorpusRow, b: CorpusRow, names: { a: string; b: string }): Promise<string> {
  const [sa, sb] = await store.corpora.summaries([a.id, b.id]);
  for (const [argument, s] of [['a', sa!], ['b', sb!]] as const) {
    if (!s.audioCount) throw invalidArgument(`${argument} corpus "${names[argument]}" holds no audio`, { argument, value: names[argument] });
  }
  const common = sa!.models.filter((m) => sb!.models.includes(m));
  if (common.length === 1) return common[0]!;
  if (!common.length) {
    throw new TokenscopeError(ErrorCode.MODEL_MISMATCH, `corpora "${names.a}" (${sa!.models.join(', ')}) and "${names.b}" (${sb!.models.join(', ')}) hold codes of no common model`, { a: names.a, b: names.b });
  }
  throw invalidArgument(`model: corpora "${names.a}" and "${names.b}" both hold codes of ${common.join(', ')}; pass one of them`, { argument: 'model', models: common });
}

async function histograms(store: Store, corpus: CorpusRow, model: string): Promise<{ perLayer: Float64Array[]; frames: number }> {
  const perLayer = Array.from({ length: LAYER_COUNT }, () => new Float64Array(CODEBOOK_SIZE));
  for (const r of await store.stats.corpusHistograms({ corpusIds: [corpus.id], model })) perLayer[layerIndex(r.layer)]![r.token] = r.count;
  return { perLayer, frames: perLayer[0]!.reduce((s, c) => s + c, 0) };
}

/**
 * Distances between corpora `a` and `b` within one model's codes: per layer, the Jensen–Shannon
 * divergence of the stored token counts; in embedding space (all 16 layers summed), the distance
 * between the mean frame embeddings and the Fréchet distance of Gaussians fitted to the frames
 * (fits cached by corpus fingerprint). Symmetric: the embedding figures are computed with the
 * corpus of lower id first, so swapping a and b gives the same numbers exactly.
 */
export async function corpusDistance(store: Store, cache: ResultCache, modelsDir: string, q: CorpusDistanceQuery, signal?: AbortSignal): Promise<CorpusDistanceResult> {
  const layers = checkLayers(q.layers);
  const [a] = await store.corpora.requireByNames([q.a]);
  const [b] = await store.corpora.requireByNames([q.b]);
  const model = q.model ?? (await pickModel(store, a!, b!, { a: q.a, b: q.b }));
  await requireModelCorpus(store, 'a', q.a, model);
  await requireModelCorpus(store, 'b', q.b, model);
  const [ha, hb] = [await histograms(store, a!, model), await histograms(store, b!, model)];
  const result: CorpusDistanceResult = {
    a: a!,
    b: b!,
    model,
    framesA: ha.frames,
    framesB: hb.frames,
    layers: layers.map((layer) => ({ layer, jensenShannonBits: jensenShannonBits(ha.perLayer[layerIndex(layer)]!, hb.perLayer[layerIndex(layer)]!) })),
    embedding: null,
  };
  const codebooks = await optionalCodebooks(modelsDir, model, null);
  if (!codebooks) return result;
  const [first, second] = a!.id <= b!.id ? [a!, b!] : [b!, a!];
  const fitFirst = await corpusGaussian(store, cache, first, model, codebooks, signal);
  const fitSecond = await corpusGaussian(store, cache, second, model, codebooks, signal);
  result.embedding = { dim: codebooks.dim, meanDistance: meanDistance(fitFirst, fitSecond), frechetDistance: frechetDistance(fitFirst, fitSecond) };
  return result;
}

import type { ReferenceCounts } from '../analytics/reference-counts.js';
import { CODEBOOK_SIZE, LAYER_COUNT, layerIndex } from '../domain/contract.js';
import type { Store } from '../store/store.js';
import { requireModelCorpus } from './require-model-corpus.js';

/**
 * The token histograms of a reference corpus restricted to `model`, the codebook of the audio
 * being scored: MODEL_MISMATCH when the reference holds no matrix of that model. `argument`: the
 * argument that named the corpus, for messages.
 */
export async function referenceCountsFor(store: Store, corpusName: string, model: string, argument = 'reference'): Promise<ReferenceCounts> {
  const corpus = await requireModelCorpus(store, argument, corpusName, model);
  const perLayer = Array.from({ length: LAYER_COUNT }, () => new Float64Array(CODEBOOK_SIZE));
  let totalTokens = 0;
  for (const r of await store.stats.corpusHistograms({ corpusIds: [corpus.id], model })) {
    perLayer[layerIndex(r.layer)]![r.token] = r.count;
    totalTokens += r.count;
  }
  return { perLayer, totalTokens };
}

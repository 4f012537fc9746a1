import type { ReferenceCounts } from '../analytics/reference-counts.js';
import { CODEBOOK_SIZE, LAYER_COUNT, layerIndex } from '../domain/contract.js';
import { ErrorCode, TokenscopeError, invalidArgument } from '../errors.js';
import type { Store } from '../store/store.js';

/**
 * The token histograms of a reference corpus restricted to `model`, the codebook of the audio
 * being scored: MODEL_MISMATCH when the reference holds no matrix of that model.
 */
export async function referenceCountsFor(store: Store, corpusName: string, model: string): Promise<ReferenceCounts> {
  const [corpus] = await store.corpora.requireByNames([corpusName]);
  const [summary] = await store.corpora.summaries([corpus!.id]);
  if (!summary!.audioCount) throw invalidArgument(`reference corpus "${corpusName}" holds no audio`, { argument: 'reference', value: corpusName });
  if (!summary!.models.includes(model)) {
    throw new TokenscopeError(ErrorCode.MODEL_MISMATCH, `reference corpus "${corpusName}" holds codes of ${summary!.models.join(', ')}, not of ${model}`, {
      reference: corpusName,
      model,
      models: summary!.models,
    });
  }
  const perLayer = Array.from({ length: LAYER_COUNT }, () => new Float64Array(CODEBOOK_SIZE));
  let totalTokens = 0;
  for (const r of await store.stats.corpusHistograms({ corpusIds: [corpus!.id], model })) {
    perLayer[layerIndex(r.layer)]![r.token] = r.count;
    totalTokens += r.count;
  }
  return { perLayer, totalTokens };
}

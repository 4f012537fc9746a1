import { ErrorCode, TokenscopeError } from '../errors.js';
import type { CorpusRow, LayerAggregateRow } from '../store/rows.js';
import type { Store } from '../store/store.js';
import { checkLayers } from './check-layers.js';
import { checkLimit } from './check-limit.js';
import { excerpt } from '../jsutils/excerpt.js';

/** Arguments of a cross-corpus statistics query. */
export interface CorpusLayerStatsQuery {
  corpora: readonly string[];
  layers?: readonly number[] | null | undefined;
  /** Only matrices of this model; all models when absent. */
  model?: string | null | undefined;
  /** Most corpora merged at once. */
  maxCorpora: number;
}

/** Per-layer statistics over corpora, and what was counted. */
export interface CorpusLayerStats {
  corpora: CorpusRow[];
  models: string[];
  audioCount: number;
  frameCount: number;
  layers: LayerAggregateRow[];
  model: string | undefined;
}

/** Merges the corpora's pre-aggregated token counts into per-layer statistics. */
export async function corpusLayerStats(store: Store, q: CorpusLayerStatsQuery): Promise<CorpusLayerStats> {
  if (!q.corpora.length) throw new TokenscopeError(ErrorCode.INVALID_ARGUMENT, 'corpora must name at least one corpus', { argument: 'corpora' });
  checkLimit('corpora (count)', q.corpora.length, q.maxCorpora);
  const layers = checkLayers(q.layers);
  const corpora = await store.corpora.requireByNames([...new Set(q.corpora)]);
  const ids = corpora.map((c) => c.id);
  const model = q.model ?? undefined;
  const scope = { corpusIds: ids, model };
  // Independent statements: run them side by side (the model check below only needs the summaries).
  const [summaries, layerRows] = await Promise.all([store.corpora.summaries(ids), store.stats.corpusLayers(scope, layers)]);
  const allModels = [...new Set(summaries.flatMap((s) => s.models))].sort();
  if (model !== undefined && !allModels.includes(model)) {
    throw new TokenscopeError(ErrorCode.MODEL_MISMATCH, `no matrix of model ${excerpt(model)} in ${q.corpora.map((c) => excerpt(c)).join(', ')}; models there: ${allModels.join(', ') || 'none'}`, { model, models: allModels });
  }
  return {
    corpora,
    models: model === undefined ? allModels : [model],
    audioCount: summaries.reduce((a, s) => a + s.audioCount, 0),
    frameCount: summaries.reduce((a, s) => a + s.frameCount, 0),
    layers: layerRows,
    model,
  };
}

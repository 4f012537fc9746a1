import { LayerStatsDocument } from '../src/client/generated/graphql.js';
import { ALL_LAYERS } from '../src/domain/contract.js';
import type { App } from '../src/main.js';
import type { LayerAggregateRow } from '../src/store/rows.js';
import { execute, prepare } from './execute.js';
import { measure } from './timing.js';
import type { Repetitions, Timing } from './timing.js';

/** Corpus-wide layer statistics three ways: the API (pre-aggregates), the store alone, and a full scan. */
export interface LayerStatsFigures {
  api: Timing;
  preAggregates: Timing;
  scan: Timing;
  /** Frames the statistics cover. */
  frames: number;
  /** Largest disagreement between pre-aggregates and scan (0 for counts and sums, rounding for entropy). */
  maxDifference: number;
}

function largestDifference(a: readonly LayerAggregateRow[], b: readonly LayerAggregateRow[]): number {
  if (a.length !== b.length) throw new Error(`pre-aggregates give ${a.length} layers, the scan ${b.length}`);
  let worst = 0;
  a.forEach((x, i) => {
    const y = b[i]!;
    for (const k of ['layer', 'tokenCount', 'tokenSum', 'tokenSumSq', 'distinctTokens'] as const) {
      if (x[k] !== y[k]) throw new Error(`layer ${x.layer}: ${k} is ${x[k]} from pre-aggregates but ${y[k]} from the scan`);
    }
    worst = Math.max(worst, Math.abs(x.entropyBits - y.entropyBits));
  });
  if (worst > 1e-6) throw new Error(`entropy differs by ${worst} bits between pre-aggregates and the scan`);
  return worst;
}

/** Times `layerStats` over `corpora` for all 16 layers against the same aggregates computed by a scan. */
export async function measureLayerStats(app: App, corpora: readonly string[], reps: Repetitions): Promise<LayerStatsFigures> {
  const op = prepare(LayerStatsDocument, { corpora: [...corpora], layers: [...ALL_LAYERS], top: 5 });
  const found = await app.store.corpora.requireByNames(corpora);
  const scope = { corpusIds: found.map((c) => c.id) };
  const data = await execute(app, op);
  if (data.layerStats.layers.length !== ALL_LAYERS.length) throw new Error(`layerStats returned ${data.layerStats.layers.length} layers`);
  const maxDifference = largestDifference(await app.store.stats.corpusLayers(scope, ALL_LAYERS), await app.store.stats.corpusLayersByScan(scope, ALL_LAYERS));
  return {
    api: await measure(() => execute(app, op), reps),
    preAggregates: await measure(() => app.store.stats.corpusLayers(scope, ALL_LAYERS), reps),
    scan: await measure(() => app.store.stats.corpusLayersByScan(scope, ALL_LAYERS), reps),
    frames: data.layerStats.frameCount,
    maxDifference,
  };
}

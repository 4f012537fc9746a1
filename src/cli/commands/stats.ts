import { LayerStatsDocument } from '../../client/generated/graphql.js';
import { execute } from '../execute.js';
import { formatTable } from '../format-table.js';
import { withApp } from '../open-app.js';
import type { DbOptions } from '../open-app.js';

/** Options of `tokenscope stats`. */
export interface StatsCliOptions extends DbOptions {
  corpus: string[];
  layers?: number[];
  model?: string;
  top?: number;
}

/** Prints per-layer statistics across corpora. */
export async function statsCommand(options: StatsCliOptions): Promise<number> {
  return withApp(options, async (app) => {
    const { data } = await execute(app, LayerStatsDocument, { corpora: options.corpus, layers: options.layers ?? null, model: options.model ?? null, top: options.top ?? 3 });
    const s = data.layerStats;
    console.log(`corpora: ${s.corpora.map((c) => c.name).join(', ')} | ${s.audioCount} audios, ${s.frameCount} frames (${(s.frameCount * 0.08 / 3600).toFixed(2)} h) | models: ${s.models.join(', ')}${s.mixedModels ? ' (MIXED: pass --model to separate)' : ''}`);
    console.log(
      formatTable(
        ['layer', 'tokens', 'mean', 'variance', 'std', 'entropy bits', 'distinct', 'utilisation', 'top tokens'],
        s.layers.map((l) => [l.number, l.tokenCount, l.mean, l.variance, l.std, l.entropyBits, l.distinctTokens, l.utilisation, l.topTokens.map((t) => `${t.token}×${t.count}`).join(' ')]),
      ),
    );
    return 0;
  });
}

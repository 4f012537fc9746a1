import { LayerStatsDocument, RarefactionDocument } from '../../client/generated/graphql.js';
import type { LayerStatsQuery } from '../../client/generated/graphql.js';
import type { CliSession } from '../session.js';
import { execute } from '../execute.js';
import { formatTable } from '../format-table.js';
import { withApp } from '../open-app.js';
import type { DbOptions } from '../open-app.js';
import { readableNumber } from '../readable-number.js';

/** Options of `tokenscope stats`. */
export interface StatsCliOptions extends DbOptions {
  corpus: string[];
  layers?: number[];
  model?: string;
  top?: number;
  /** With several corpora: merge them into one set of statistics instead of a column per corpus. */
  pooled?: boolean;
}

type Stats = LayerStatsQuery['layerStats'];

/** Prints per-layer statistics: of one corpus (or several pooled), or of several side by side. */
export async function statsCommand(options: StatsCliOptions): Promise<number> {
  return withApp(options, async (app) => {
    const corpora = [...new Set(options.corpus)];
    if (corpora.length > 1 && !options.pooled) {
      console.log(await sideBySide(app, corpora, options));
      return 0;
    }
    const s = await layerStats(app, options.corpus, options);
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

async function layerStats(app: CliSession, corpora: string[], options: StatsCliOptions): Promise<Stats> {
  return (await execute(app, LayerStatsDocument, { corpora, layers: options.layers ?? null, model: options.model ?? null, top: options.top ?? 3 })).data.layerStats;
}

/**
 * A column per corpus: their sizes, then each layer's statistics, and the size-dependent ones again
 * at the smallest corpus's size (rarefaction), which is where corpora of different sizes compare.
 */
async function sideBySide(app: CliSession, corpora: string[], options: StatsCliOptions): Promise<string> {
  const stats = await Promise.all(corpora.map((c) => layerStats(app, [c], options)));
  // Frames of the model asked for: every layer counts one token per frame.
  const n = Math.min(...stats.map((s) => s.layers[0]?.tokenCount ?? 0).filter((f) => f > 0), Number.MAX_SAFE_INTEGER);
  const r = (await execute(app, RarefactionDocument, { corpora, frames: n === Number.MAX_SAFE_INTEGER ? [1] : [n], layers: options.layers ?? null, model: options.model ?? null })).data.rarefaction;
  const matched = r.corpora.map((c) => c.points.find((p) => p.frames === n)?.layers ?? []);
  const right = [false, ...corpora.map(() => true)];
  const summary = formatTable(
    ['', ...corpora],
    [
      ['audios', ...stats.map((s) => readableNumber(s.audioCount))],
      ['frames', ...stats.map((s) => readableNumber(s.frameCount))],
      ['hours', ...stats.map((s) => readableNumber((s.frameCount * 0.08) / 3600))],
      ['models', ...stats.map((s) => s.models.join(', '))],
    ],
    right,
  );
  const at = `at ${readableNumber(n)} frames`;
  const rows = stats[0]!.layers.flatMap((layer, i) => {
    const cells = (pick: (l: Stats['layers'][number]) => string) => stats.map((s) => pick(s.layers[i]!));
    const rarefied = (pick: (l: { distinctTokens: number; utilisation: number; entropyBits: number }) => number) => matched.map((m) => (m[i] ? readableNumber(pick(m[i]!)) : '—'));
    return [
      [String(layer.number), 'mean', ...cells((l) => readableNumber(l.mean))],
      ['', 'std', ...cells((l) => readableNumber(l.std))],
      ['', 'entropy bits', ...cells((l) => readableNumber(l.entropyBits))],
      ['', `entropy bits ${at}`, ...rarefied((l) => l.entropyBits)],
      ['', 'distinct', ...cells((l) => readableNumber(l.distinctTokens))],
      ['', `distinct ${at}`, ...rarefied((l) => l.distinctTokens)],
      ['', 'utilisation', ...cells((l) => readableNumber(l.utilisation))],
      ['', `utilisation ${at}`, ...rarefied((l) => l.utilisation)],
      ['', 'top tokens', ...cells((l) => l.topTokens.map((t) => `${t.token}×${readableNumber(t.count)}`).join(' '))],
    ];
  });
  const layers = formatTable(['layer', 'statistic', ...corpora], rows, [true, false, ...corpora.map(() => true)]);
  const note = `Entropy, distinct tokens and utilisation grow with the frames counted; the rows "${at}" give each corpus's expected value on a random ${readableNumber(n)}-frame subsample (the smallest corpus's size), where corpora compare.`;
  return `${summary}\n\n${layers}\n\n${note}`;
}

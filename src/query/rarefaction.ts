import { rarefiedDistinct, rarefiedEntropyBits } from '../analytics/rarefaction.js';
import { CODEBOOK_SIZE } from '../domain/contract.js';
import { ErrorCode, TokenscopeError, invalidArgument } from '../errors.js';
import type { CorpusRow } from '../store/rows.js';
import type { Store } from '../store/store.js';
import { checkLayers } from './check-layers.js';
import { checkLimit } from './check-limit.js';

/** Arguments of a size-matched comparison of corpora. */
export interface RarefactionQuery {
  corpora: readonly string[];
  /** Subsample sizes in frames; when absent: 125 × 2^k (10 s, 20 s, …) below the largest corpus, the smallest corpus's size and each corpus's own size. */
  frames?: readonly number[] | null | undefined;
  layers?: readonly number[] | null | undefined;
  model?: string | null | undefined;
  maxCorpora: number;
  maxPoints: number;
}

/** Size-dependent statistics of one layer at one subsample size (expected values). */
export interface RarefiedLayer {
  layer: number;
  distinctTokens: number;
  utilisation: number;
  /** Computed when called: summing the hypergeometric laws is the costly part, and curves of distinct tokens need none. */
  entropyBits: () => number;
}

/** One corpus's statistics at each subsample size up to its own size. */
export interface CorpusRarefaction {
  corpus: CorpusRow;
  frameCount: number;
  points: { frames: number; layers: RarefiedLayer[] }[];
}

/** Corpora compared at equal sizes. */
export interface Rarefaction {
  /** Frames of the smallest non-empty corpus: the size at which all of them are compared (0 when all are empty). */
  matchedFrames: number;
  corpora: CorpusRarefaction[];
}

/** The default subsample sizes: 125 × 2^k below the largest corpus, plus the matched and each corpus's own size. */
function defaultSizes(sizes: readonly number[], matched: number): number[] {
  const largest = Math.max(0, ...sizes);
  const out = new Set<number>([matched, ...sizes]);
  for (let n = 125; n < largest; n *= 2) out.add(n);
  return [...out].filter((n) => n > 0);
}

/**
 * Each corpus's distinct tokens, utilisation and entropy per layer as expected on a random subsample
 * of n of its frames (rarefaction, from the pre-aggregated token counts: no frame is read), so
 * corpora of different sizes can be compared at the same n. Sizes above a corpus's own are left out
 * for that corpus.
 */
export async function rarefaction(store: Store, q: RarefactionQuery): Promise<Rarefaction> {
  if (!q.corpora.length) throw invalidArgument('corpora must name at least one corpus', { argument: 'corpora' });
  checkLimit('corpora (count)', q.corpora.length, q.maxCorpora);
  const layers = checkLayers(q.layers);
  if (q.frames) {
    checkLimit('frames (count)', q.frames.length, q.maxPoints);
    const bad = q.frames.find((n) => !Number.isInteger(n) || n < 1);
    if (bad !== undefined) throw invalidArgument(`frames must be integers ≥ 1; received ${bad}`, { argument: 'frames', value: bad });
  }
  const corpora = await store.corpora.requireByNames([...new Set(q.corpora)]);
  const model = q.model ?? undefined;
  const histograms = await Promise.all(corpora.map((c) => store.stats.corpusHistograms({ corpusIds: [c.id], model })));
  const perCorpus = histograms.map((rows) => {
    const byLayer = new Map<number, Float64Array>(layers.map((l) => [l, new Float64Array(CODEBOOK_SIZE)]));
    for (const r of rows) {
      const h = byLayer.get(r.layer);
      if (h) h[r.token] = r.count;
    }
    const frames = Math.max(0, ...[...byLayer.values()].map((h) => h.reduce((a, c) => a + c, 0)));
    return { byLayer, frames };
  });
  const sizes = perCorpus.map((c) => c.frames);
  if (model !== undefined && sizes.every((n) => n === 0)) {
    throw new TokenscopeError(ErrorCode.MODEL_MISMATCH, `no matrix of model ${JSON.stringify(model.slice(0, 100))} in ${q.corpora.join(', ')}`, { model });
  }
  const nonEmpty = sizes.filter((n) => n > 0);
  const matchedFrames = nonEmpty.length ? Math.min(...nonEmpty) : 0;
  const wanted = [...new Set(q.frames ?? defaultSizes(sizes, matchedFrames))].sort((a, b) => a - b);
  return {
    matchedFrames,
    corpora: corpora.map((corpus, i) => {
      const { byLayer, frames } = perCorpus[i]!;
      return {
        corpus,
        frameCount: frames,
        points: wanted
          .filter((n) => n <= frames)
          .map((n) => ({
            frames: n,
            layers: layers.map((layer) => {
              const h = byLayer.get(layer)!;
              const distinct = rarefiedDistinct(h, n);
              return { layer, distinctTokens: distinct, utilisation: distinct / CODEBOOK_SIZE, entropyBits: () => rarefiedEntropyBits(h, n) };
            }),
          })),
      };
    }),
  };
}

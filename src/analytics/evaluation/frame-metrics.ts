import { invalidArgument } from '../../errors.js';
import { bootstrapIntervals } from './bootstrap.js';
import type { BootstrapOptions, Interval } from './bootstrap.js';
import { rankFrames, rankingMetrics } from './frame-ranking.js';
import type { RankingMetrics } from './frame-ranking.js';

/** Options of `frameMetrics`. */
export interface FrameMetricsOptions {
  /** Bootstrap over files, or false for none (default B = 1000, seed 1, 95 %). */
  readonly bootstrap?: BootstrapOptions | false;
}

/** Threshold-free frame-level results of one class (or of any event) pooled over files. */
export interface FrameMetrics extends RankingMetrics {
  /** Frames pooled over all files. */
  readonly frames: number;
  /** Bootstrap intervals over files, unless `bootstrap: false`. */
  readonly intervals?: { readonly auroc: Interval; readonly auprc: Interval };
}

/**
 * Frame-level AUROC and AUPRC of per-frame scores (higher = more likely positive) against per-frame
 * truth from `labelsToFrameTruth`, frames of all files pooled. Both maps must name the same files;
 * files enter in sorted name order, so results do not depend on map order. For several classes,
 * call once per class with that class's scores and truth.
 */
export function frameMetrics(
  scoresByFile: ReadonlyMap<string, ArrayLike<number>>,
  truthByFile: ReadonlyMap<string, ArrayLike<number>>,
  options: FrameMetricsOptions = {},
): FrameMetrics {
  const files = [...scoresByFile.keys()].sort();
  const missing = [...truthByFile.keys()].filter((file) => !scoresByFile.has(file));
  missing.push(...files.filter((file) => !truthByFile.has(file)));
  if (missing.length > 0) {
    throw invalidArgument(`scoresByFile and truthByFile must name the same files; unmatched: ${missing.join(', ')}`, { missing });
  }
  const ranking = rankFrames(
    files.map((file) => scoresByFile.get(file)!),
    files.map((file) => truthByFile.get(file)!),
    files,
  );
  const point = rankingMetrics(ranking);
  const bootstrap = options.bootstrap ?? {};
  if (bootstrap === false) return { ...point, frames: ranking.scores.length };
  const [auroc, auprc] = bootstrapIntervals(
    files.length,
    (weights) => {
      const { auroc, auprc } = rankingMetrics(ranking, weights);
      return [auroc, auprc];
    },
    bootstrap,
  );
  return { ...point, frames: ranking.scores.length, intervals: { auroc: auroc!, auprc: auprc! } };
}

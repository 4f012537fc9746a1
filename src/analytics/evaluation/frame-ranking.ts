import { invalidArgument } from '../../errors.js';

/** Frames of several files pooled and sorted once by descending score, for repeated scoring. */
export interface FrameRanking {
  /** Scores in descending order. */
  readonly scores: Float64Array;
  /** Truth of each ranked frame (1 positive, 0 negative). */
  readonly positive: Uint8Array;
  /** File index of each ranked frame. */
  readonly fileOf: Uint32Array;
}

/** Threshold-free frame metrics. */
export interface RankingMetrics {
  /** Area under the ROC curve, 0..1: P(positive scores above negative), ties counted half; NaN without both classes. */
  readonly auroc: number;
  /** Average precision (area under the precision–recall curve), 0..1; NaN without positives. */
  readonly auprc: number;
  /** Positive frames counted (with weights). */
  readonly positives: number;
  /** Negative frames counted (with weights). */
  readonly negatives: number;
}

/**
 * Pools files' per-frame scores and truths and sorts them. Per file, scores and truth must have the
 * same length, truth must be 0 or 1 and scores must not be NaN; `names` label files in messages.
 */
export function rankFrames(
  scores: readonly ArrayLike<number>[],
  truths: readonly ArrayLike<number>[],
  names: readonly string[] = scores.map((_, file) => `#${file}`),
): FrameRanking {
  const pooled: { score: number; positive: number; file: number }[] = [];
  scores.forEach((fileScores, file) => {
    const truth = truths[file]!;
    const name = names[file]!;
    if (truth.length !== fileScores.length) {
      throw invalidArgument(`file ${name}: scores and truth must cover the same frames; received ${fileScores.length} scores and ${truth.length} truth values`, { file: name });
    }
    for (let i = 0; i < fileScores.length; i++) {
      const score = fileScores[i]!;
      const positive = truth[i]!;
      if (Number.isNaN(score)) throw invalidArgument(`file ${name}: the score of frame ${i} is NaN`, { file: name, frame: i });
      if (positive !== 0 && positive !== 1) {
        throw invalidArgument(`file ${name}: the truth of frame ${i} must be 0 or 1; received ${positive}`, { file: name, frame: i });
      }
      pooled.push({ score, positive, file });
    }
  });
  pooled.sort((a, b) => b.score - a.score);
  return {
    scores: Float64Array.from(pooled, (f) => f.score),
    positive: Uint8Array.from(pooled, (f) => f.positive),
    fileOf: Uint32Array.from(pooled, (f) => f.file),
  };
}

/**
 * AUROC as the Mann–Whitney U statistic, U / (P·N), ties counted half; AUPRC as scikit-learn's
 * average precision, Σ (R_n − R_{n−1}) P_n over thresholds at each distinct score (tied frames enter
 * together). Frame of file f counts `weights[f]` times (once when omitted), as a bootstrap needs.
 */
export function rankingMetrics(ranking: FrameRanking, weights?: ArrayLike<number>): RankingMetrics {
  const { scores, positive, fileOf } = ranking;
  let positives = 0;
  let negatives = 0;
  for (let i = 0; i < scores.length; i++) {
    const w = weights ? weights[fileOf[i]!]! : 1;
    if (positive[i]) positives += w;
    else negatives += w;
  }
  let truePositives = 0;
  let falsePositives = 0;
  let pairsWon = 0;
  let averagePrecision = 0;
  for (let start = 0; start < scores.length; ) {
    let groupPositives = 0;
    let groupNegatives = 0;
    let end = start;
    for (; end < scores.length && scores[end] === scores[start]; end++) {
      const w = weights ? weights[fileOf[end]!]! : 1;
      if (positive[end]) groupPositives += w;
      else groupNegatives += w;
    }
    pairsWon += groupNegatives * (truePositives + groupPositives / 2);
    truePositives += groupPositives;
    falsePositives += groupNegatives;
    if (groupPositives > 0) averagePrecision += (groupPositives / positives) * (truePositives / (truePositives + falsePositives));
    start = end;
  }
  const auroc = positives > 0 && negatives > 0 ? pairsWon / (positives * negatives) : NaN;
  return { auroc, auprc: positives > 0 ? averagePrecision : NaN, positives, negatives };
}

import type { Counts } from './counts.js';

/** Every score computed from counts, in a fixed order (the order intervals are reported in). */
export const SCORE_NAMES = [
  'precision',
  'recall',
  'f1',
  'errorRate',
  'substitutionRate',
  'deletionRate',
  'insertionRate',
] as const;

/** The name of one score. */
export type ScoreName = (typeof SCORE_NAMES)[number];

/** Precision, recall, F1 (fractions 0..1) and error rate with its parts (per reference item, ≥ 0). */
export type Scores = { readonly [K in ScoreName]: number };

/**
 * Precision when nothing was estimated: 'zero-score' gives 0 (sed_eval's `zero_score`, used by the
 * DCASE baselines), 'nan' leaves it undefined (sed_eval's default).
 */
export type EmptyEstimates = 'zero-score' | 'nan';

/**
 * sed_eval's definitions: precision = TP / estimated, recall = TP / N, F1 = 2PR / (P + R) (0 when
 * P = R = 0, NaN when either is NaN), ER = (S + D + I) / N. A rate over N = 0 is 0 when its
 * numerator is 0 and NaN otherwise (sed_eval divides by N + 2.2e-16 and reports I × 4.5e15).
 */
export function scoresFromCounts(counts: Counts, emptyEstimates: EmptyEstimates): Scores {
  const { reference, estimated, truePositives, substitutions, deletions, insertions } = counts;
  const precision = estimated > 0 ? truePositives / estimated : emptyEstimates === 'zero-score' ? 0 : NaN;
  const recall = reference > 0 ? truePositives / reference : NaN;
  const f1 = precision === 0 && recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const rate = (count: number): number => (reference > 0 ? count / reference : count === 0 ? 0 : NaN);
  return {
    precision,
    recall,
    f1,
    errorRate: rate(substitutions + deletions + insertions),
    substitutionRate: rate(substitutions),
    deletionRate: rate(deletions),
    insertionRate: rate(insertions),
  };
}

/** Mean of the values that are not NaN (numpy's nanmean); NaN when there are none. */
export function nanMean(values: readonly number[]): number {
  let sum = 0;
  let count = 0;
  for (const value of values) {
    if (Number.isNaN(value)) continue;
    sum += value;
    count++;
  }
  return count > 0 ? sum / count : NaN;
}

/** Class-wise average (macro average): the nanmean of each score over the classes. */
export function averageScores(perClass: readonly Scores[]): Scores {
  const entries = SCORE_NAMES.map((name) => [name, nanMean(perClass.map((scores) => scores[name]))]);
  return Object.fromEntries(entries) as Scores;
}

import type { Counts } from '../evaluation/counts.js';
import type { EvaluationReport, ScoreIntervals } from '../evaluation/evaluate.js';
import { SCORE_NAMES } from '../evaluation/scores.js';
import type { ScoreName, Scores } from '../evaluation/scores.js';
import { toMetric } from './metric.js';
import type { Metric } from './metric.js';

/** sed_eval's scores of one node (overall, class-wise average or one class), each with its interval. */
export type SedEvalScores = { readonly [K in ScoreName]: Metric } & {
  /** The counts the scores come from; null for the class-wise average (a mean of scores, not of counts). */
  readonly counts: Counts | null;
};

/** Event-based and segment-based scores side by side. */
export interface SedEvalPair {
  readonly event: SedEvalScores;
  readonly segment: SedEvalScores;
}

/** One class's scores (class-wise error rate (D + I) / N, no substitutions). */
export interface SedEvalClass extends SedEvalPair {
  readonly label: string;
}

/**
 * A class-aware evaluation report in the JSON shape of the GraphQL type `SedEvalReport`: NaN is
 * null, every score is a Metric (bounds null when no bootstrap ran), classes are a list.
 */
export interface SedEvalReport {
  /** Classes in report order. */
  readonly classes: readonly string[];
  /** Evaluated files. */
  readonly files: number;
  /** Micro average: scores of the counts summed over files and classes, error rate with substitutions. */
  readonly overall: SedEvalPair;
  /** Macro average: nanmean over classes of each class-wise score. */
  readonly classWiseAverage: SedEvalPair;
  /** One entry per class, in `classes` order. */
  readonly classWise: readonly SedEvalClass[];
}

/** `evaluate`'s report (with or without intervals) → its JSON-safe, schema-shaped form. */
export function toSedEvalReport(report: EvaluationReport): SedEvalReport {
  const { intervals } = report;
  const node = (scores: Scores, counts: Counts | null, bounds: ScoreIntervals | undefined): SedEvalScores =>
    ({ ...Object.fromEntries(SCORE_NAMES.map((name) => [name, toMetric(scores[name], bounds?.[name])])), counts: counts && { ...counts } }) as SedEvalScores;
  return {
    classes: [...report.classes],
    files: report.files,
    overall: {
      event: node(report.overall.event, report.overall.event.counts, intervals?.overall.event),
      segment: node(report.overall.segment, report.overall.segment.counts, intervals?.overall.segment),
    },
    classWiseAverage: {
      event: node(report.classWiseAverage.event, null, intervals?.classWiseAverage.event),
      segment: node(report.classWiseAverage.segment, null, intervals?.classWiseAverage.segment),
    },
    classWise: report.classes.map((label) => {
      const pair = report.classWise[label]!;
      const bounds = intervals?.classWise[label];
      return { label, event: node(pair.event, pair.event.counts, bounds?.event), segment: node(pair.segment, pair.segment.counts, bounds?.segment) };
    }),
  };
}

import { addCounts, zeroCounts } from './counts.js';
import type { Counts, FileCounts } from './counts.js';
import { averageScores, SCORE_NAMES, scoresFromCounts } from './scores.js';
import type { EmptyEstimates, Scores } from './scores.js';

/** Event-based and segment-based results side by side. */
export interface MetricPair<T> {
  readonly event: T;
  readonly segment: T;
}

/** Scores with the counts they were computed from. */
export interface Scored extends Scores {
  readonly counts: Counts;
}

/**
 * Overall (micro average: scores from counts summed over files and classes, with substitutions),
 * class-wise average (macro average: nanmean of the class-wise scores) and class-wise results.
 */
export interface Summary<T, A = T> {
  readonly overall: MetricPair<T>;
  readonly classWiseAverage: MetricPair<A>;
  readonly classWise: Readonly<Record<string, MetricPair<T>>>;
}

/** Counts of one file, event-based and segment-based. */
export type FileEvaluation = MetricPair<FileCounts>;

/**
 * Sums the files' counts, file f counted `weights[f]` times (all once when omitted), and scores them.
 */
export function summarize(
  files: readonly FileEvaluation[],
  classes: readonly string[],
  emptyEstimates: EmptyEstimates,
  weights?: ArrayLike<number>,
): Summary<Scored, Scores> {
  const side = (kind: keyof FileEvaluation) => {
    const overall = zeroCounts();
    const classWise = classes.map(() => zeroCounts());
    files.forEach((file, f) => {
      const weight = weights ? weights[f]! : 1;
      if (weight === 0) return;
      addCounts(overall, file[kind].overall, weight);
      classWise.forEach((counts, c) => addCounts(counts, file[kind].classWise[c]!, weight));
    });
    const scored = (counts: Counts): Scored => ({ ...scoresFromCounts(counts, emptyEstimates), counts });
    const perClass = classWise.map(scored);
    return { overall: scored(overall), average: averageScores(perClass), perClass };
  };
  const event = side('event');
  const segment = side('segment');
  return {
    overall: { event: event.overall, segment: segment.overall },
    classWiseAverage: { event: event.average, segment: segment.average },
    classWise: Object.fromEntries(
      classes.map((label, c) => [label, { event: event.perClass[c]!, segment: segment.perClass[c]! }]),
    ),
  };
}

/** Every score of a summary as one flat list, in a fixed order that `unflattenSummary` reverses. */
export function flattenSummary(summary: Summary<Scores>, classes: readonly string[]): number[] {
  return summaryNodes(summary, classes).flatMap((scores) => SCORE_NAMES.map((name) => scores[name]));
}

/** Rebuilds a summary of per-score values (e.g. intervals) from a list in `flattenSummary` order. */
export function unflattenSummary<V>(values: readonly V[], classes: readonly string[]): Summary<Record<keyof Scores, V>> {
  let next = 0;
  const node = (): Record<keyof Scores, V> =>
    Object.fromEntries(SCORE_NAMES.map((name) => [name, values[next++]!])) as Record<keyof Scores, V>;
  const pair = () => ({ event: node(), segment: node() });
  const overall = pair();
  const classWiseAverage = pair();
  const classWise = Object.fromEntries(classes.map((label) => [label, pair()]));
  return { overall, classWiseAverage, classWise };
}

function summaryNodes(summary: Summary<Scores>, classes: readonly string[]): Scores[] {
  const pairs = [summary.overall, summary.classWiseAverage, ...classes.map((label) => summary.classWise[label]!)];
  return pairs.flatMap((pair) => [pair.event, pair.segment]);
}

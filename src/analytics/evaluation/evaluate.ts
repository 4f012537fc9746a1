import { bootstrapIntervals } from './bootstrap.js';
import type { Interval } from './bootstrap.js';
import type { EvaluatedFile, Event } from './event.js';
import { AGNOSTIC_LABEL } from './event.js';
import { eventBasedCounts } from './event-based.js';
import { resolveEvaluationOptions } from './evaluation-options.js';
import type { EvaluationOptions } from './evaluation-options.js';
import { groupEventsByFile, indexFiles, resolveClasses } from './group-events.js';
import type { ScoreName, Scores } from './scores.js';
import { segmentBasedCounts } from './segment-based.js';
import { flattenSummary, summarize, unflattenSummary } from './summary.js';
import type { FileEvaluation, MetricPair, Scored, Summary } from './summary.js';

/** A confidence interval for every score. */
export type ScoreIntervals = Readonly<Record<ScoreName, Interval>>;

/** What `evaluate` reports; see docs/evaluation.md for every definition. */
export interface EvaluationReport extends Summary<Scored, Scores> {
  /** Classes in report order ('event' alone in class-agnostic evaluation). */
  readonly classes: readonly string[];
  /** Number of evaluated files (the bootstrap's resampling units). */
  readonly files: number;
  /** Overall scores of each file, when `perFile` was asked for. */
  readonly perFile?: Readonly<Record<string, MetricPair<Scored>>>;
  /** Bootstrap confidence intervals over files, mirroring the scores, unless `bootstrap: false`. */
  readonly intervals?: Summary<ScoreIntervals>;
}

/**
 * Scores `estimated` against `reference` over `files` with sed_eval's event-based metrics
 * (collars, one-to-one matching) and segment-based metrics, overall, class-wise and class-wise
 * averaged, with percentile-bootstrap intervals over files. Throws INVALID_ARGUMENT on bad input.
 */
export function evaluate(
  reference: readonly Event[],
  estimated: readonly Event[],
  files: readonly EvaluatedFile[],
  options: EvaluationOptions = {},
): EvaluationReport {
  const resolved = resolveEvaluationOptions(options);
  const durations = indexFiles(files);
  const referenceByFile = groupEventsByFile(reference, durations, 'reference', resolved.classAgnostic);
  const estimatedByFile = groupEventsByFile(estimated, durations, 'estimated', resolved.classAgnostic);
  const classes = resolved.classAgnostic
    ? [AGNOSTIC_LABEL]
    : resolveClasses([referenceByFile, estimatedByFile], resolved.classes);
  const names = [...durations.keys()];
  const evaluations: FileEvaluation[] = names.map((file) => {
    const refs = referenceByFile.get(file)!;
    const ests = estimatedByFile.get(file)!;
    return {
      event: eventBasedCounts(refs, ests, classes, resolved.eventRule),
      segment: segmentBasedCounts(refs, ests, durations.get(file)!, classes, resolved.segmentSeconds),
    };
  });
  const summary = summarize(evaluations, classes, resolved.emptyEstimates);
  const report: EvaluationReport = { classes, files: names.length, ...summary };
  const perFile = resolved.perFile
    ? Object.fromEntries(
        names.map((file, f) => [file, summarize([evaluations[f]!], classes, resolved.emptyEstimates).overall]),
      )
    : undefined;
  const intervals =
    resolved.bootstrap === false
      ? undefined
      : unflattenSummary(
          bootstrapIntervals(
            names.length,
            (weights) => flattenSummary(summarize(evaluations, classes, resolved.emptyEstimates, weights), classes),
            resolved.bootstrap,
          ),
          classes,
        );
  return { ...report, ...(perFile && { perFile }), ...(intervals && { intervals }) };
}

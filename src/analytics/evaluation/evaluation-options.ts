import { invalidArgument } from '../../errors.js';
import type { BootstrapOptions } from './bootstrap.js';
import type { EventCriterion } from './collars.js';
import type { EventRule } from './event-based.js';
import type { MatchingMethod } from './event-matching.js';
import type { EmptyEstimates } from './scores.js';

/** Options of `evaluate`; every one has a sed_eval-compatible default. */
export interface EvaluationOptions {
  /** Onset collar and smallest offset collar, seconds (default 0.2). */
  readonly collarSeconds?: number;
  /** Offset collar as a fraction of the reference event's length, 0..1 (default 0.5). */
  readonly offsetLengthFraction?: number;
  /** Event boundaries that must match: 'onset-offset' (default), 'onset' or 'offset'. */
  readonly criterion?: EventCriterion;
  /** One-to-one pairing: 'optimal' (maximum matching, default) or 'greedy'. */
  readonly matching?: MatchingMethod;
  /** Segment length of segment-based metrics, seconds (default 1). */
  readonly segmentSeconds?: number;
  /** Relabel every event as 'event' and score detection of any event (default false). */
  readonly classAgnostic?: boolean;
  /** Classes in report order (default: sorted union of reference and estimated labels). */
  readonly classes?: readonly string[];
  /** Precision when nothing is estimated: 'zero-score' (0, default) or 'nan'. */
  readonly emptyEstimates?: EmptyEstimates;
  /** Also report overall metrics of each file (default false). */
  readonly perFile?: boolean;
  /** Bootstrap over files for confidence intervals, or false for none (default B = 1000, seed 1, 95 %). */
  readonly bootstrap?: BootstrapOptions | false;
}

/** Options with defaults filled in and checked. */
export interface ResolvedEvaluationOptions {
  readonly eventRule: EventRule;
  readonly segmentSeconds: number;
  readonly classAgnostic: boolean;
  readonly classes: readonly string[] | undefined;
  readonly emptyEstimates: EmptyEstimates;
  readonly perFile: boolean;
  readonly bootstrap: BootstrapOptions | false;
}

/** Fills defaults and rejects values out of range with INVALID_ARGUMENT. */
export function resolveEvaluationOptions(options: EvaluationOptions): ResolvedEvaluationOptions {
  const { collarSeconds = 0.2, offsetLengthFraction = 0.5, criterion = 'onset-offset' } = options;
  const { matching = 'optimal', segmentSeconds = 1, emptyEstimates = 'zero-score' } = options;
  check(Number.isFinite(collarSeconds) && collarSeconds > 0, 'collarSeconds must be > 0 seconds', collarSeconds);
  check(offsetLengthFraction >= 0 && offsetLengthFraction <= 1, 'offsetLengthFraction must lie in [0, 1]', offsetLengthFraction);
  check(['onset-offset', 'onset', 'offset'].includes(criterion), "criterion must be 'onset-offset', 'onset' or 'offset'", criterion);
  check(['optimal', 'greedy'].includes(matching), "matching must be 'optimal' or 'greedy'", matching);
  check(Number.isFinite(segmentSeconds) && segmentSeconds > 0, 'segmentSeconds must be > 0 seconds', segmentSeconds);
  check(['zero-score', 'nan'].includes(emptyEstimates), "emptyEstimates must be 'zero-score' or 'nan'", emptyEstimates);
  return {
    eventRule: { collarSeconds, offsetLengthFraction, criterion, matching },
    segmentSeconds,
    classAgnostic: options.classAgnostic ?? false,
    classes: options.classes,
    emptyEstimates,
    perFile: options.perFile ?? false,
    bootstrap: options.bootstrap ?? {},
  };
}

function check(ok: boolean, expectation: string, received: unknown): void {
  if (!ok) throw invalidArgument(`${expectation}; received ${String(received)}`, { received });
}

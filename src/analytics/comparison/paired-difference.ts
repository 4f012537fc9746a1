import { invalidArgument } from '../../errors.js';
import { bootstrapIntervals } from '../evaluation/bootstrap.js';
import type { BootstrapOptions } from '../evaluation/bootstrap.js';
import { aurocFromPairWins } from '../evaluation/frame-pair-wins.js';
import { finiteOrNull } from './metric.js';
import { eventF1FromCounts } from './per-file-counts.js';
import type { PerFileCounts } from './per-file-counts.js';

/** One score of two rows and their difference a − b, with its paired percentile-bootstrap interval. */
export interface ScoreDifference {
  /** The score of row a (null where undefined). */
  readonly a: number | null;
  /** The score of row b. */
  readonly b: number | null;
  /** a − b on all files; null when either score is undefined. */
  readonly difference: number | null;
  /** Lower bound of the interval of a − b over resampled files (null when no resample defined it). */
  readonly low: number | null;
  /** Upper bound. */
  readonly high: number | null;
  /** Resamples in which both scores were defined. */
  readonly replicates: number;
}

/** The paired differences between two rows of one run. */
export interface PairedDifference {
  /** Class-agnostic overall event-based F1. */
  readonly eventF1: ScoreDifference;
  /** Frame AUROC (truth = any label); all null when either row has no frame scores. */
  readonly frameAuroc: ScoreDifference;
}

/**
 * A paired bootstrap of the difference between two rows scored on the same files: each resample
 * draws files with replacement (seeded mulberry32) and recomputes both rows' scores on the same
 * draw, so the interval reflects the difference, not each row's own spread. INVALID_ARGUMENT when
 * the rows were not scored on the same files.
 */
export function pairedDifference(a: PerFileCounts, b: PerFileCounts, bootstrap: BootstrapOptions & { level?: number }): PairedDifference {
  if (a.files.length !== b.files.length || a.files.some((file, i) => b.files[i] !== file)) {
    throw invalidArgument(`rows a and b must be scored on the same files; received ${a.files.length} and ${b.files.length} files that differ`, { argument: 'b' });
  }
  const framesA = a.frame;
  const framesB = b.frame;
  const frames = framesA && framesB ? { a: framesA, b: framesB } : null;
  const [f1, auroc] = bootstrapIntervals(
    a.files.length,
    (weights) => [
      eventF1FromCounts(a, weights) - eventF1FromCounts(b, weights),
      frames ? aurocFromPairWins(frames.a, weights) - aurocFromPairWins(frames.b, weights) : NaN,
    ],
    bootstrap,
  );
  const difference = (valueA: number, valueB: number, interval: { low: number; high: number; replicates: number }): ScoreDifference => ({
    a: finiteOrNull(valueA),
    b: finiteOrNull(valueB),
    difference: finiteOrNull(valueA - valueB),
    low: finiteOrNull(interval.low),
    high: finiteOrNull(interval.high),
    replicates: interval.replicates,
  });
  return {
    eventF1: difference(eventF1FromCounts(a), eventF1FromCounts(b), f1!),
    frameAuroc: frames
      ? difference(aurocFromPairWins(frames.a), aurocFromPairWins(frames.b), auroc!)
      : { a: framesA ? finiteOrNull(aurocFromPairWins(framesA)) : null, b: framesB ? finiteOrNull(aurocFromPairWins(framesB)) : null, difference: null, low: null, high: null, replicates: 0 },
  };
}

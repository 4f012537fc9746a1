import type { ResolvedParams } from '../detectors/detector.js';
import type { SegmenterOptions } from '../segmenter-options.js';
import type { ThresholdRule } from '../thresholds/threshold-rule.js';
import type { Scorecard } from './scorecard.js';

/** One detector configuration's line of a leaderboard. */
export interface LeaderboardRow extends Scorecard {
  /** Readable label: detector name and the parameters given. */
  readonly configuration: string;
  readonly detector: string;
  /** The detector's own parameters, defaults filled in. */
  readonly parameters: ResolvedParams;
  readonly thresholdRule: ThresholdRule;
  readonly segmenter: SegmenterOptions;
  /** True when the configuration trained on the evaluated corpus with file-level cross-validation. */
  readonly crossValidated: boolean;
  /** Wall time of scoring every audio (fitting included, metrics not), milliseconds. */
  readonly runMilliseconds: number;
}

/**
 * Rows by event-based F1, best first; rows without an F1 (null) go last, and ties keep their
 * order (the order configurations were given, sweeps in value order).
 */
export function rankRows(rows: readonly LeaderboardRow[]): LeaderboardRow[] {
  const key = (row: LeaderboardRow): number => row.event.f1.value ?? -Infinity;
  return [...rows].sort((a, b) => (key(a) === key(b) ? 0 : key(b) - key(a)));
}

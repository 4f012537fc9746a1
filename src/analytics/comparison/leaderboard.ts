import type { ResolvedParams } from '../detectors/detector.js';
import type { SegmenterOptions } from '../segmenter-options.js';
import type { ThresholdRule } from '../thresholds/threshold-rule.js';
import type { Scorecard } from './scorecard.js';

/**
 * How a row's detections relate to the evaluated files: CROSS_VALIDATED (trained on the evaluated
 * corpus, each file scored by a model that never saw its fold), TRANSFER (trained on another
 * corpus), NONE (nothing trained on labels), EXTERNAL (detections made elsewhere, read from a file).
 */
export type EvaluationProtocol = 'CROSS_VALIDATED' | 'TRANSFER' | 'NONE' | 'EXTERNAL';

/** One detector configuration's line of a leaderboard. */
export interface LeaderboardRow extends Omit<Scorecard, 'classAware' | 'perFile'> {
  /** Readable label: detector name and the parameters given. */
  readonly configuration: string;
  readonly detector: string;
  /** The detector's own parameters, defaults filled in. */
  readonly parameters: ResolvedParams;
  /** The threshold rule applied; null for external detections. */
  readonly thresholdRule: ThresholdRule | null;
  /** The segmenter applied; null for external detections. */
  readonly segmenter: SegmenterOptions | null;
  /** True when the configuration trained on the evaluated corpus with file-level cross-validation. */
  readonly crossValidated: boolean;
  /** How the detections relate to the evaluated files (absent in runs stored before it existed). */
  readonly protocol?: EvaluationProtocol;
  /** The corpus a supervised configuration trained on (the evaluated one when cross-validated); null otherwise. */
  readonly trainingCorpus?: string | null;
  /** Wall time of scoring every audio (fitting included, metrics not), milliseconds. */
  readonly runMilliseconds: number;
  /** sed_eval's class-aware scores; null for class-agnostic detectors, absent in older runs. */
  readonly classAware?: Scorecard['classAware'];
  /** Per-file counts for paired bootstraps; absent in older runs. */
  readonly perFile?: Scorecard['perFile'];
}

/** A row's protocol, derived for rows stored before it was recorded. */
export function rowProtocol(row: LeaderboardRow): { protocol: EvaluationProtocol; trainingCorpus: string | null } {
  if (row.protocol) return { protocol: row.protocol, trainingCorpus: row.trainingCorpus ?? null };
  const training = typeof row.parameters['training'] === 'string' ? row.parameters['training'] : null;
  if (row.crossValidated) return { protocol: 'CROSS_VALIDATED', trainingCorpus: training };
  return training === null ? { protocol: 'NONE', trainingCorpus: null } : { protocol: 'TRANSFER', trainingCorpus: training };
}

/**
 * Rows by event-based F1, best first; rows without an F1 (null) go last, and ties keep their
 * order (the order configurations were given, sweeps in value order).
 */
export function rankRows(rows: readonly LeaderboardRow[]): LeaderboardRow[] {
  const key = (row: LeaderboardRow): number => row.event.f1.value ?? -Infinity;
  return [...rows].sort((a, b) => (key(a) === key(b) ? 0 : key(b) - key(a)));
}

import type { FramePairWins } from '../evaluation/frame-pair-wins.js';
import { scoresFromCounts } from '../evaluation/scores.js';

/**
 * What a row keeps of each evaluated file so that two rows can be resampled together later
 * (a paired bootstrap): class-agnostic event counts, and the frame pair wins behind the AUROC.
 */
export interface PerFileCounts {
  /** The evaluated files (audio ids as text), in the order of every list below. */
  readonly files: readonly string[];
  /** Class-agnostic event-based counts of each file: [reference events, detections, true positives]. */
  readonly event: readonly (readonly [number, number, number])[];
  /** Frame AUROC by file pair; null when the row has no frame scores (external detections). */
  readonly frame: FramePairWins | null;
}

/** Class-agnostic event F1 of the files counted `weights[f]` times (all once when omitted); NaN without reference events. */
export function eventF1FromCounts(perFile: PerFileCounts, weights?: ArrayLike<number>): number {
  let reference = 0;
  let estimated = 0;
  let truePositives = 0;
  perFile.event.forEach(([n, e, tp], f) => {
    const w = weights ? weights[f]! : 1;
    reference += w * n;
    estimated += w * e;
    truePositives += w * tp;
  });
  const counts = { reference, estimated, truePositives, substitutions: 0, deletions: reference - truePositives, insertions: estimated - truePositives };
  return scoresFromCounts(counts, 'zero-score').f1;
}

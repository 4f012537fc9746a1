import { frameToSeconds } from '../domain/contract.js';
import { invalidArgument } from '../errors.js';

/** One event: a run of consecutive flagged frames. */
export interface Anomaly {
  /** First flagged frame of the run (0-based). */
  readonly startFrame: number;
  /** Frame after the last flagged frame (exclusive end). */
  readonly endFrame: number;
  /** Frame with the highest score in the run; the earliest one on ties. */
  readonly peakFrame: number;
  /** Score at the peak frame, in the detector's score unit. */
  readonly score: number;
  /** Start time in seconds (startFrame × 0.08 s). */
  readonly startSeconds: number;
  /** End time in seconds (endFrame × 0.08 s). */
  readonly endSeconds: number;
  /** Class-aware detectors only: the event's class (highest mean class probability over its frames). */
  readonly label?: string;
  /** Class-aware detectors only: the mean probability of `label` over the event's frames, 0..1. */
  readonly probability?: number;
}

/**
 * Turns per-frame flags into events: each maximal run of consecutive flagged frames becomes one
 * Anomaly, in frame order. `flagged` and `scores` are per frame and must have the same length.
 */
export function segmentAnomalies(flagged: Uint8Array, scores: ArrayLike<number>): Anomaly[] {
  if (flagged.length !== scores.length) {
    throw invalidArgument(
      `flagged and scores must cover the same frames; received ${flagged.length} flags and ${scores.length} scores`,
      { flagged: flagged.length, scores: scores.length },
    );
  }
  const anomalies: Anomaly[] = [];
  let frame = 0;
  while (frame < flagged.length) {
    if (!flagged[frame]) {
      frame++;
      continue;
    }
    const startFrame = frame;
    let peakFrame = frame;
    while (frame < flagged.length && flagged[frame]) {
      if (scores[frame]! > scores[peakFrame]!) peakFrame = frame;
      frame++;
    }
    anomalies.push({
      startFrame,
      endFrame: frame,
      peakFrame,
      score: scores[peakFrame]!,
      startSeconds: frameToSeconds(startFrame),
      endSeconds: frameToSeconds(frame),
    });
  }
  return anomalies;
}

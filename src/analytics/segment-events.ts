import { frameToSeconds } from '../domain/contract.js';
import { segmentAnomalies } from './segment-anomalies.js';
import type { Anomaly } from './segment-anomalies.js';
import type { SegmenterOptions } from './segmenter-options.js';

/**
 * Events from per-frame flags: maximal runs of flagged frames, then (1) runs separated by at
 * most `mergeGapFrames` unflagged frames are merged, (2) events spanning fewer than
 * `minEventFrames` frames are dropped, (3) each event is padded by `padFrames` on both sides,
 * clipped to [0, frames), and events that then overlap or touch are merged. Merging first lets the
 * pieces of one event split by a short dip reach the minimum length together; padding last keeps
 * padding from rescuing an event that is too short. Peak and score come from flagged frames only.
 */
export function segmentEvents(flagged: Uint8Array, scores: ArrayLike<number>, options: SegmenterOptions): Anomaly[] {
  const runs = segmentAnomalies(flagged, scores);
  const merged = mergeWithin(runs, options.mergeGapFrames);
  const long = merged.filter((event) => event.endFrame - event.startFrame >= options.minEventFrames);
  if (options.padFrames === 0) return long;
  const padded = long.map((event) =>
    span(
      Math.max(0, event.startFrame - options.padFrames),
      Math.min(flagged.length, event.endFrame + options.padFrames),
      event,
    ),
  );
  return mergeWithin(padded, 0);
}

/** Merges consecutive events whose gap (frames between them) is at most `gap`; keeps the higher peak. */
function mergeWithin(events: readonly Anomaly[], gap: number): Anomaly[] {
  const out: Anomaly[] = [];
  for (const event of events) {
    const last = out[out.length - 1];
    if (last && event.startFrame - last.endFrame <= gap) {
      // The earlier peak wins ties, as within a run.
      out[out.length - 1] = span(last.startFrame, Math.max(last.endFrame, event.endFrame), event.score > last.score ? event : last);
    } else {
      out.push(event);
    }
  }
  return out;
}

function span(startFrame: number, endFrame: number, peak: Pick<Anomaly, 'peakFrame' | 'score'>): Anomaly {
  return {
    startFrame,
    endFrame,
    peakFrame: peak.peakFrame,
    score: peak.score,
    startSeconds: frameToSeconds(startFrame),
    endSeconds: frameToSeconds(endFrame),
  };
}

import { classCounts, zeroCounts } from './counts.js';
import type { Counts, FileCounts } from './counts.js';
import type { Event } from './event.js';

/**
 * Segments covering a file: ceil(duration / segment length), so a last partial segment counts.
 * A 1e-9 slack keeps a duration such as 3.0000000000000004 s at 3 segments of 1 s.
 */
export function segmentCount(durationSeconds: number, segmentSeconds: number): number {
  return Math.max(0, Math.ceil(durationSeconds / segmentSeconds - 1e-9));
}

/**
 * sed_eval's SegmentBasedMetrics for one file. Segment k covers [k·len, (k+1)·len); an event
 * [start, end) makes its class active in segments floor(start/len) … ceil(end/len) − 1 (any overlap,
 * as sed_eval's event roll), cut to the file's segments. Per segment and class: TP when both are
 * active, FN when only the reference is, FP when only the estimate is. Overall, per segment:
 * S = min(FN, FP), D = max(0, FN − FP), I = max(0, FP − FN), summed over segments.
 */
export function segmentBasedCounts(
  reference: readonly Event[],
  estimated: readonly Event[],
  durationSeconds: number,
  classes: readonly string[],
  segmentSeconds: number,
): FileCounts {
  const segments = segmentCount(durationSeconds, segmentSeconds);
  const referenceRoll = activityRoll(reference, classes, segments, segmentSeconds);
  const estimatedRoll = activityRoll(estimated, classes, segments, segmentSeconds);
  const overall = zeroCounts();
  const perClass = classes.map(() => ({ reference: 0, estimated: 0, truePositives: 0 }));
  for (let k = 0; k < segments; k++) {
    let truePositives = 0;
    let falseNegatives = 0;
    let falsePositives = 0;
    classes.forEach((_, c) => {
      const ref = referenceRoll[k * classes.length + c]!;
      const est = estimatedRoll[k * classes.length + c]!;
      perClass[c]!.reference += ref;
      perClass[c]!.estimated += est;
      perClass[c]!.truePositives += ref & est;
      truePositives += ref & est;
      falseNegatives += ref & (1 - est);
      falsePositives += est & (1 - ref);
    });
    overall.reference += truePositives + falseNegatives;
    overall.estimated += truePositives + falsePositives;
    overall.truePositives += truePositives;
    overall.substitutions += Math.min(falseNegatives, falsePositives);
    overall.deletions += Math.max(0, falseNegatives - falsePositives);
    overall.insertions += Math.max(0, falsePositives - falseNegatives);
  }
  const classWise: Counts[] = perClass.map((c) => classCounts(c.reference, c.estimated, c.truePositives));
  return { overall, classWise };
}

/** Activity per (segment, class), segment-major: 1 when any event of the class touches the segment. */
function activityRoll(events: readonly Event[], classes: readonly string[], segments: number, length: number): Uint8Array {
  const roll = new Uint8Array(segments * classes.length);
  for (const event of events) {
    const c = classes.indexOf(event.label);
    const first = Math.max(0, Math.floor(event.start / length));
    const end = Math.min(segments, Math.ceil(event.end / length));
    for (let k = first; k < end; k++) roll[k * classes.length + c] = 1;
  }
  return roll;
}

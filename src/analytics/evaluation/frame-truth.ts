import { FRAME_SECONDS } from '../../domain/contract.js';
import { invalidArgument } from '../../errors.js';
import type { Event } from './event.js';

/** Which labels `labelsToFrameTruth` turns into positive frames. */
export interface FrameTruthOptions {
  /** Only events with this label count (default: every event, i.e. class-agnostic truth). */
  readonly label?: string;
}

/** Centre of frame i in seconds: 0.08·i + 0.04 (frame i covers [0.08·i, 0.08·(i+1))). */
export function frameCentreSeconds(frame: number): number {
  return (frame + 0.5) * FRAME_SECONDS;
}

/**
 * Per-frame truth (1 positive, 0 negative) of one file with `frames` frames. Frame i is positive when
 * its centre 0.08·i + 0.04 s lies in some event's [start, end): i.e. the event covers at least half
 * the frame, frames are rounded to the nearest boundary, and an event [a·0.08, b·0.08) written from
 * frames a..b−1 maps back to exactly those frames. An event with end > start that holds no frame
 * centre (shorter than a frame) marks the frame containing its midpoint, so no labelled event
 * vanishes. Zero-length events mark nothing; frames beyond `frames` are dropped.
 */
export function labelsToFrameTruth(
  events: readonly Pick<Event, 'start' | 'end' | 'label'>[],
  frames: number,
  options: FrameTruthOptions = {},
): Uint8Array {
  if (!Number.isInteger(frames) || frames < 0) {
    throw invalidArgument(`frames must be an integer ≥ 0; received ${String(frames)}`, { received: frames });
  }
  const truth = new Uint8Array(frames);
  events.forEach(({ start, end, label }, i) => {
    if (!(Number.isFinite(start) && Number.isFinite(end) && end >= start)) {
      throw invalidArgument(`events[${i}] must have finite times with start ≤ end; received start ${start}, end ${end}`);
    }
    if (options.label !== undefined && label !== options.label) return;
    const span = labelFrameSpan(start, end);
    if (span) truth.fill(1, Math.min(span.startFrame, frames), Math.min(span.endFrame, frames));
  });
  return truth;
}

/**
 * The frames a labelled span [start, end) seconds marks, by the rule of labelsToFrameTruth:
 * frames [startFrame, endFrame) whose centres lie in the span, or the frame holding the midpoint of
 * a span shorter than a frame; null for a zero-length span.
 */
export function labelFrameSpan(start: number, end: number): { startFrame: number; endFrame: number } | null {
  if (end === start) return null;
  const first = firstCentreAtOrAfter(start);
  const stop = firstCentreAtOrAfter(end);
  if (first < stop) return { startFrame: first, endFrame: stop };
  const holder = Math.max(0, Math.floor((start + end) / 2 / FRAME_SECONDS));
  return { startFrame: holder, endFrame: holder + 1 };
}

/** The smallest frame index ≥ 0 whose centre is ≥ t seconds. */
function firstCentreAtOrAfter(t: number): number {
  let frame = Math.max(0, Math.ceil(t / FRAME_SECONDS - 0.5));
  while (frameCentreSeconds(frame) < t) frame++;
  while (frame > 0 && frameCentreSeconds(frame - 1) >= t) frame--;
  return frame;
}

import { invalidArgument } from '../errors.js';
import type { ParameterSpec } from './detectors/detector.js';
import { describeValue } from './detectors/describe-value.js';
import { resolveFields } from './detectors/resolve-params.js';

/** How flagged frames become events; applied in the order merge → minimum length → padding. */
export interface SegmenterOptions {
  /** Runs separated by at most this many unflagged frames are merged into one event (0 = none). */
  readonly mergeGapFrames: number;
  /** Events (after merging) shorter than this many frames are dropped (1 = keep all). */
  readonly minEventFrames: number;
  /** Frames added on both sides of each event, clipped to the audio; events that then touch are merged. */
  readonly padFrames: number;
}

/** The segmenter fields as users give them, with defaults that leave the guide's runs unchanged. */
export const SEGMENTER_FIELDS: readonly ParameterSpec[] = [
  { name: 'mergeGapFrames', type: 'int', description: 'Largest gap (frames, 0.08 s each) bridged between two runs.', default: 0, min: 0 },
  { name: 'minEventFrames', type: 'int', description: 'Shortest event kept, in frames, after merging.', default: 1, min: 1 },
  { name: 'padFrames', type: 'int', description: 'Frames added before and after each event, clipped to the audio.', default: 0, min: 0 },
];

/** The defaults: every maximal run of flagged frames is one event, as the guide does it. */
export const DEFAULT_SEGMENTER: SegmenterOptions = Object.freeze({ mergeGapFrames: 0, minEventFrames: 1, padFrames: 0 });

/**
 * Validates a user's segmenter, e.g. `{"minEventFrames": 3}`; undefined or null gives the
 * defaults: the detector's own (`defaults`) where it has them, else DEFAULT_SEGMENTER's. Fields left
 * out of `given` take the same defaults. Throws INVALID_ARGUMENT naming `segmenter.<field>` of `detector`.
 */
export function resolveSegmenter(given: unknown, detector: string, defaults: Partial<SegmenterOptions> = {}): SegmenterOptions {
  if (given === undefined || given === null) return Object.freeze({ ...DEFAULT_SEGMENTER, ...defaults });
  if (typeof given !== 'object' || Array.isArray(given)) {
    throw invalidArgument(
      `parameter segmenter of detector ${detector} expects an object such as {"minEventFrames": 3}; received ${describeValue(given)}`,
      { detector, parameter: 'segmenter' },
    );
  }
  const specs = SEGMENTER_FIELDS.map((spec) => {
    const value = defaults[spec.name as keyof SegmenterOptions];
    return value === undefined ? spec : { ...spec, default: value };
  });
  const fields = resolveFields(specs, given as Record<string, unknown>, { detector, prefix: 'segmenter.' });
  return Object.freeze({
    mergeGapFrames: fields['mergeGapFrames'] as number,
    minEventFrames: fields['minEventFrames'] as number,
    padFrames: fields['padFrames'] as number,
  });
}

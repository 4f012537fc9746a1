import { invalidArgument } from '../errors.js';
import { percentile } from './percentile.js';

/** How a score is compared with the threshold to flag a frame. */
export type Comparison = 'GREATER_THAN' | 'AT_LEAST';

/** A threshold rule applied to one score curve. */
export interface ThresholdResult {
  /** The threshold, in the scores' unit. */
  readonly threshold: number;
  /** GREATER_THAN: score > threshold flags; AT_LEAST: score ≥ threshold flags. */
  readonly comparison: Comparison;
  /** One entry per frame: 1 when the frame is flagged, else 0. */
  readonly flagged: Uint8Array;
}

/**
 * The guide's rule: threshold = `np.percentile(scores, p)` and a frame is flagged when its score
 * is strictly above it (`np.where(scores > threshold)`), so ties at the threshold are not flagged.
 */
export function percentileThreshold(scores: Float64Array, p: number): ThresholdResult {
  const threshold = percentile(scores, p);
  return { threshold, comparison: 'GREATER_THAN', flagged: flag(scores, threshold, 'GREATER_THAN') };
}

/** A fixed threshold in the scores' unit, e.g. "at least 2 cold tokens" with AT_LEAST. */
export function fixedThreshold(scores: Float64Array, threshold: number, comparison: Comparison): ThresholdResult {
  if (Number.isNaN(threshold)) {
    throw invalidArgument('threshold must be a number; received NaN', { argument: 'threshold' });
  }
  return { threshold, comparison, flagged: flag(scores, threshold, comparison) };
}

/** Frame numbers (0-based, ascending) whose flag is set. */
export function flaggedFrames(flagged: Uint8Array): number[] {
  const frames: number[] = [];
  for (let frame = 0; frame < flagged.length; frame++) if (flagged[frame]) frames.push(frame);
  return frames;
}

function flag(scores: Float64Array, threshold: number, comparison: Comparison): Uint8Array {
  // A plain loop: TypedArray.from with a map function goes through the iterator protocol and
  // took milliseconds on a one-hour (45,000-frame) curve.
  const strict = comparison === 'GREATER_THAN';
  const out = new Uint8Array(scores.length);
  for (let i = 0; i < scores.length; i++) out[i] = (strict ? scores[i]! > threshold : scores[i]! >= threshold) ? 1 : 0;
  return out;
}

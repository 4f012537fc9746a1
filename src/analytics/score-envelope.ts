import { invalidArgument } from '../errors.js';

/** Per-bucket minimum and maximum of a score curve: enough to draw it at any width without losing peaks. */
export interface ScoreEnvelope {
  /** Frames each bucket covers on average (frames / buckets). */
  readonly framesPerBucket: number;
  /** Smallest score of each bucket. */
  readonly min: number[];
  /** Largest score of each bucket. */
  readonly max: number[];
}

/**
 * Splits `scores` into `buckets` contiguous runs (bucket i covers frames
 * [floor(i·N/B), floor((i+1)·N/B))) and keeps each run's minimum and maximum. With fewer frames than
 * buckets there is one bucket per frame. NaN scores are skipped; a bucket of only NaN gets NaN.
 */
export function scoreEnvelope(scores: ArrayLike<number>, buckets: number): ScoreEnvelope {
  if (!Number.isInteger(buckets) || buckets < 1) throw invalidArgument(`buckets must be an integer ≥ 1; received ${buckets}`, { argument: 'buckets', value: buckets });
  const n = scores.length;
  const b = Math.min(buckets, n);
  const min = new Array<number>(b);
  const max = new Array<number>(b);
  for (let i = 0; i < b; i++) {
    const from = Math.floor((i * n) / b);
    const to = Math.floor(((i + 1) * n) / b);
    let lo = Infinity;
    let hi = -Infinity;
    for (let f = from; f < to; f++) {
      const s = scores[f]!;
      if (s < lo) lo = s;
      if (s > hi) hi = s;
    }
    min[i] = lo === Infinity ? NaN : lo;
    max[i] = hi === -Infinity ? NaN : hi;
  }
  return { framesPerBucket: b === 0 ? 0 : n / b, min, max };
}

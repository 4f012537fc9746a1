import { invalidArgument } from '../../errors.js';
import { percentile } from '../percentile.js';
import { mulberry32 } from '../../jsutils/mulberry32.js';

/** Settings of a bootstrap over audio files. */
export interface BootstrapOptions {
  /** Number of resamples B (default 1000). */
  readonly iterations?: number;
  /** Seed of the mulberry32 generator (default 1); the same seed gives the same intervals. */
  readonly seed?: number;
  /** Coverage of the percentile interval, 0 < level < 1 (default 0.95: the 2.5 % and 97.5 % points). */
  readonly level?: number;
}

/** A percentile bootstrap confidence interval. */
export interface Interval {
  /** Lower bound, the (1 − level)/2 percentile of the resampled values. */
  readonly low: number;
  /** Upper bound, the (1 + level)/2 percentile of the resampled values. */
  readonly high: number;
  /** Coverage, e.g. 0.95. */
  readonly level: number;
  /** Resamples whose value was defined; NaN values (e.g. no positives drawn) are skipped. */
  readonly replicates: number;
}

/**
 * Resamples the `fileCount` files with replacement B times and hands `statistic` how often each file
 * was drawn; returns one interval per value the statistic returns. The interval of a value that was
 * NaN in every resample is NaN with 0 replicates. Percentiles follow numpy's linear rule.
 */
export function bootstrapIntervals(
  fileCount: number,
  statistic: (weights: Uint32Array) => readonly number[],
  options: BootstrapOptions = {},
): Interval[] {
  const { iterations = 1000, seed = 1, level = 0.95 } = options;
  if (!Number.isInteger(iterations) || iterations < 1) {
    throw invalidArgument(`bootstrap.iterations must be an integer ≥ 1; received ${String(iterations)}`);
  }
  if (!(level > 0 && level < 1)) {
    throw invalidArgument(`bootstrap.level must lie strictly between 0 and 1; received ${String(level)}`);
  }
  const random = mulberry32(seed);
  const weights = new Uint32Array(fileCount);
  const samples: number[][] = [];
  for (let b = 0; b < iterations; b++) {
    weights.fill(0);
    for (let draw = 0; draw < fileCount; draw++) weights[Math.floor(random() * fileCount)]!++;
    statistic(weights).forEach((value, i) => {
      (samples[i] ??= []).push(value);
    });
  }
  return samples.map((values) => interval(values.filter((value) => !Number.isNaN(value)), level));
}

function interval(values: number[], level: number): Interval {
  if (values.length === 0) return { low: NaN, high: NaN, level, replicates: 0 };
  return {
    low: percentile(values, (100 * (1 - level)) / 2),
    high: percentile(values, (100 * (1 + level)) / 2),
    level,
    replicates: values.length,
  };
}

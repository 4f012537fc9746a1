import type { Interval } from '../evaluation/bootstrap.js';

/**
 * A score with its bootstrap confidence interval, JSON-safe: an undefined value (NaN, e.g. recall
 * without reference events, AUROC without positives) is null, as is a bound no resample defined.
 */
export interface Metric {
  readonly value: number | null;
  /** Lower bound of the 95 % percentile-bootstrap interval over files. */
  readonly low: number | null;
  /** Upper bound of the 95 % percentile-bootstrap interval over files. */
  readonly high: number | null;
}

/** NaN (and ±Infinity) → null. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** A point value and its interval (absent: bounds null) as a Metric. */
export function toMetric(value: number, interval?: Pick<Interval, 'low' | 'high'>): Metric {
  return { value: finiteOrNull(value), low: interval ? finiteOrNull(interval.low) : null, high: interval ? finiteOrNull(interval.high) : null };
}

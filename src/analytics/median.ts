import { percentile } from './percentile.js';

/** The median of `values` (at least one, no NaN) as the 50th percentile, numpy linear (np.median up to rounding). */
export function median(values: ArrayLike<number>): number {
  return percentile(values, 50);
}

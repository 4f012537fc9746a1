import { invalidArgument } from '../errors.js';

/**
 * Centred moving average over `window` (odd, ≥ 1) values: entry i is the mean of values
 * [i − h, i + h] with h = (window − 1) / 2, cut to the ends of the curve (fewer values there).
 * Sums are recomputed per entry, not slid, so each mean is exact for small integer inputs.
 */
export function movingAverage(values: Float64Array, window: number): Float64Array {
  if (!(Number.isInteger(window) && window >= 1 && window % 2 === 1)) {
    throw invalidArgument(`window must be an odd number of frames ≥ 1; received ${String(window)}`, { argument: 'window', received: window });
  }
  if (window === 1) return values;
  const half = (window - 1) / 2;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const lo = Math.max(0, i - half);
    const hi = Math.min(values.length, i + half + 1);
    let sum = 0;
    for (let j = lo; j < hi; j++) sum += values[j]!;
    out[i] = sum / (hi - lo);
  }
  return out;
}

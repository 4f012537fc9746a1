import { invalidArgument } from '../errors.js';

/**
 * The q-th percentile (q in 0..100) of `values`, bit-identical to numpy 2.x's default
 * `np.percentile(values, q)` (method 'linear', Hyndman & Fan type 7).
 * Throws INVALID_ARGUMENT for an empty input, a NaN value, or q outside [0, 100].
 */
export function percentile(values: ArrayLike<number>, q: number): number {
  if (values.length === 0) {
    throw invalidArgument('percentile needs at least one value; received an empty list', { received: 0 });
  }
  if (typeof q !== 'number' || !(q >= 0 && q <= 100)) {
    throw invalidArgument(`percentile q must be a number in [0, 100]; received ${String(q)}`, { received: q });
  }
  const sorted = Float64Array.from(values);
  const nanAt = sorted.findIndex(Number.isNaN);
  if (nanAt >= 0) {
    throw invalidArgument(`percentile values must not be NaN; value ${nanAt} is NaN`, { position: nanAt });
  }
  sorted.sort();
  const n = sorted.length;
  // numpy divides first (q / 100) and then scales by (n - 1); the other order rounds differently.
  const virtualIndex = (n - 1) * (q / 100);
  if (virtualIndex >= n - 1) return sorted[n - 1]!;
  const below = Math.floor(virtualIndex);
  return lerp(sorted[below]!, sorted[below + 1]!, virtualIndex - below);
}

/**
 * numpy's `_lerp`: interpolates from the nearer end so that t = 1 gives b exactly and the result
 * stays monotonic in t; reproduced operation for operation so thresholds match numpy's bits.
 */
function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

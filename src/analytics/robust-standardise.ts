import { median } from './median.js';
import { MAD_TO_SIGMA } from './thresholds/robust-z.rule.js';

/** √(π/2): scales a mean absolute deviation to the standard deviation of normally distributed values. */
const MEAN_AD_TO_SIGMA = Math.sqrt(Math.PI / 2);

/**
 * Robust z-scores of `values` (at least one), in place: (v − median) / (1.4826 · MAD). When more
 * than half the values are equal the MAD is 0 and the mean absolute deviation from the median,
 * times √(π/2), is the scale instead; when every value is equal, every z is 0.
 */
export function robustStandardise(values: Float64Array): Float64Array {
  const centre = median(values);
  const deviations = new Float64Array(values.length);
  let meanDeviation = 0;
  for (let i = 0; i < values.length; i++) {
    deviations[i] = Math.abs(values[i]! - centre);
    meanDeviation += deviations[i]!;
  }
  meanDeviation /= values.length;
  const mad = median(deviations);
  const scale = mad > 0 ? MAD_TO_SIGMA * mad : MEAN_AD_TO_SIGMA * meanDeviation;
  for (let i = 0; i < values.length; i++) values[i] = scale > 0 ? (values[i]! - centre) / scale : 0;
  return values;
}

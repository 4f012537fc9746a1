import { fixedThreshold } from '../threshold.js';
import { median } from '../median.js';
import type { ThresholdRuleDefinition } from './threshold-rule.js';

/** Median plus k robust standard deviations of the audio's scores. */
export interface RobustZRule {
  readonly rule: 'robustZ';
  /** How many robust standard deviations (1.4826 · MAD) above the median, ≥ 0. */
  readonly k: number;
}

/** 1 / Φ⁻¹(3/4): scales the MAD to the standard deviation of normally distributed scores. */
export const MAD_TO_SIGMA = 1.4826;

/**
 * threshold = median + k · 1.4826 · MAD, MAD = median(|score − median|); score > threshold flags.
 * The MAD is scaled so that k reads as standard deviations when the scores are roughly normal.
 * When more than half the scores are equal the MAD is 0 and every score above the median is flagged.
 */
export const robustZRule: ThresholdRuleDefinition<RobustZRule> = {
  rule: 'robustZ',
  description:
    'Threshold = median + k · 1.4826 · MAD of the audio\'s scores (a robust z-score of k); a frame is flagged ' +
    'when its score is strictly above it. Outliers barely move the median and MAD, unlike mean and standard deviation.',
  fields: [
    {
      name: 'k',
      type: 'float',
      description: 'Robust standard deviations (1.4826 · MAD) above the median.',
      default: 3,
      min: 0,
    },
  ],
  apply(scores, rule) {
    const centre = median(scores);
    const deviations = new Float64Array(scores.length);
    for (let i = 0; i < scores.length; i++) deviations[i] = Math.abs(scores[i]! - centre);
    return fixedThreshold(scores, centre + rule.k * MAD_TO_SIGMA * median(deviations), 'GREATER_THAN');
  },
};

import { percentileThreshold } from '../threshold.js';
import type { ThresholdRuleDefinition } from './threshold-rule.js';

/** The guide's rule: flag scores strictly above the p-th percentile of the audio's scores. */
export interface PercentileRule {
  readonly rule: 'percentile';
  /** Percentile 0..100 (numpy linear). */
  readonly percentile: number;
}

/** threshold = np.percentile(scores, p); score > threshold flags, so ties at the threshold do not. */
export const percentileRule: ThresholdRuleDefinition<PercentileRule> = {
  rule: 'percentile',
  description:
    'Threshold = the given percentile (numpy linear) of the audio\'s scores; a frame is flagged when its score is strictly above it.',
  fields: [
    {
      name: 'percentile',
      type: 'float',
      description: 'Percentile (0..100) of the audio\'s scores used as threshold.',
      default: 95,
      min: 0,
      max: 100,
    },
  ],
  apply: (scores, rule) => percentileThreshold(scores, rule.percentile),
};

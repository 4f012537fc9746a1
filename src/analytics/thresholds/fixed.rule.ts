import { fixedThreshold } from '../threshold.js';
import type { Comparison } from '../threshold.js';
import type { ThresholdRuleDefinition } from './threshold-rule.js';

/** A threshold given in the scores' unit. */
export interface FixedRule {
  readonly rule: 'fixed';
  /** Threshold in the detector's score unit. */
  readonly value: number;
  /** GREATER_THAN (score > value) or AT_LEAST (score ≥ value). */
  readonly comparison: Comparison;
}

/** Flags frames whose score passes a fixed value, the same for every audio. */
export const fixedRule: ThresholdRuleDefinition<FixedRule> = {
  rule: 'fixed',
  description: 'A fixed threshold in the detector\'s score unit, the same for every audio.',
  fields: [
    { name: 'value', type: 'float', description: 'Threshold, in the detector\'s score unit.' },
    {
      name: 'comparison',
      type: 'string',
      description: 'GREATER_THAN flags score > value; AT_LEAST flags score ≥ value.',
      default: 'GREATER_THAN',
      oneOf: ['GREATER_THAN', 'AT_LEAST'],
    },
  ],
  apply: (scores, rule) => fixedThreshold(scores, rule.value, rule.comparison),
};

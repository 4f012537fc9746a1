import { percentile } from '../percentile.js';
import type { ThresholdRuleDefinition } from './threshold-rule.js';

/** Two thresholds: a run opens above the high one and goes on until the score drops below the low one. */
export interface HysteresisRule {
  readonly rule: 'hysteresis';
  /** Opening level: a value in score units, or a percentile 0..100 of the audio's scores (see `levels`). */
  readonly high: number;
  /** Closing level, ≤ high, in the same terms as `high`. */
  readonly low: number;
  /** `percentile`: high and low are percentiles (numpy linear) of the audio's scores; `value`: score units. */
  readonly levels: 'percentile' | 'value';
}

/**
 * Frames are visited in order: an unflagged frame opens a run when its score > high; while a run
 * is open, frames are flagged as long as score ≥ low, and the first frame with score < low closes
 * it (unflagged). One short dip between high and low therefore does not split an event.
 */
export const hysteresisRule: ThresholdRuleDefinition<HysteresisRule> = {
  rule: 'hysteresis',
  description:
    'Opens an event when a score is strictly above high and keeps flagging until a score falls strictly below ' +
    'low (≤ high). With levels "percentile" (default) high and low are percentiles of the audio\'s scores; with ' +
    '"value" they are in the score unit.',
  fields: [
    { name: 'high', type: 'float', description: 'Opening level (a percentile 0..100, or a score with levels "value").', default: 95 },
    { name: 'low', type: 'float', description: 'Closing level, ≤ high, in the same terms as high.', default: 80 },
    {
      name: 'levels',
      type: 'string',
      description: 'Whether high and low are percentiles of the audio\'s scores or values in the score unit.',
      default: 'percentile',
      oneOf: ['percentile', 'value'],
    },
  ],
  problem(rule) {
    if (rule.low > rule.high) return `low must not exceed high; received high ${rule.high} and low ${rule.low}`;
    if (rule.levels === 'percentile' && (rule.low < 0 || rule.high > 100)) {
      return `high and low must be percentiles in [0, 100]; received high ${rule.high} and low ${rule.low}`;
    }
    return undefined;
  },
  apply(scores, rule) {
    const high = rule.levels === 'percentile' ? percentile(scores, rule.high) : rule.high;
    const low = rule.levels === 'percentile' ? percentile(scores, rule.low) : rule.low;
    const flagged = new Uint8Array(scores.length);
    let open = false;
    for (let i = 0; i < scores.length; i++) {
      open = open ? scores[i]! >= low : scores[i]! > high;
      flagged[i] = open ? 1 : 0;
    }
    return { threshold: high, comparison: 'GREATER_THAN', lowThreshold: low, flagged };
  },
};

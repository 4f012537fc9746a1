import type { ThresholdRuleDefinition } from './threshold-rule.js';

/** The k highest-scoring frames of each audio. */
export interface TopKRule {
  readonly rule: 'topK';
  /** Frames to flag per audio, ≥ 1 (all frames when the audio has fewer). */
  readonly k: number;
}

/**
 * Flags exactly min(k, frames) frames: the highest scores, ties broken by the earlier frame, so
 * a run is reproducible even on flat curves. The reported threshold is the k-th highest score with
 * AT_LEAST; frames tied with it past the k-th are not flagged.
 */
export const topKRule: ThresholdRuleDefinition<TopKRule> = {
  rule: 'topK',
  description:
    'Flags the k highest-scoring frames of the audio (all of them when it has fewer); among frames tied with the ' +
    'k-th highest score the earlier ones win. The reported threshold is that k-th score.',
  fields: [{ name: 'k', type: 'int', description: 'Frames to flag per audio.', default: 10, min: 1 }],
  apply(scores, rule) {
    const order = Array.from({ length: scores.length }, (_, i) => i);
    order.sort((a, b) => scores[b]! - scores[a]! || a - b);
    const chosen = order.slice(0, Math.min(rule.k, order.length));
    const flagged = new Uint8Array(scores.length);
    for (const frame of chosen) flagged[frame] = 1;
    return { threshold: scores[chosen[chosen.length - 1]!]!, comparison: 'AT_LEAST', flagged };
  },
};

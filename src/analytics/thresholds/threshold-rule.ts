import type { ParameterSpec } from '../detectors/detector.js';
import type { ThresholdResult } from '../threshold.js';
import type { FixedRule } from './fixed.rule.js';
import type { HysteresisRule } from './hysteresis.rule.js';
import type { PercentileRule } from './percentile.rule.js';
import type { RobustZRule } from './robust-z.rule.js';
import type { TopKRule } from './top-k.rule.js';

/** A threshold rule with its parameters, tagged by `rule`; JSON as users give it. */
export type ThresholdRule = PercentileRule | RobustZRule | FixedRule | TopKRule | HysteresisRule;

/** The rule names, e.g. `robustZ`. */
export type ThresholdRuleName = ThresholdRule['rule'];

/** What applying a rule gives: the threshold actually used and the flags (hysteresis adds the low one). */
export interface AppliedThreshold extends ThresholdResult {
  /** Hysteresis only: a flagged run goes on while score ≥ lowThreshold. */
  readonly lowThreshold?: number;
}

/** One threshold rule: its typed, documented fields and how it flags a score curve. */
export interface ThresholdRuleDefinition<R extends ThresholdRule> {
  readonly rule: R['rule'];
  /** One or two sentences for users. */
  readonly description: string;
  /** The fields besides `rule`, validated like detector parameters. */
  readonly fields: readonly ParameterSpec[];
  /** Cross-field check after each field passed its spec: a message naming what is wrong, or undefined. */
  readonly problem?: (rule: R) => string | undefined;
  /** Flags the frames of `scores` (at least one). */
  readonly apply: (scores: Float64Array, rule: R) => AppliedThreshold;
}

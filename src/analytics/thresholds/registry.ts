import { invalidArgument } from '../../errors.js';
import { UnreachableCaseError } from '../../errors.js';
import { describeValue } from '../detectors/describe-value.js';
import { resolveFields } from '../detectors/resolve-params.js';
import { fixedRule } from './fixed.rule.js';
import { hysteresisRule } from './hysteresis.rule.js';
import { percentileRule } from './percentile.rule.js';
import { robustZRule } from './robust-z.rule.js';
import type { AppliedThreshold, ThresholdRule, ThresholdRuleDefinition, ThresholdRuleName } from './threshold-rule.js';
import { topKRule } from './top-k.rule.js';

/** Every threshold rule, in the order they are listed to users. */
export const THRESHOLD_RULES = [percentileRule, robustZRule, fixedRule, topKRule, hysteresisRule] as const;

const byName = new Map<string, Pick<ThresholdRuleDefinition<ThresholdRule>, 'rule' | 'fields'>>(
  THRESHOLD_RULES.map((definition) => [definition.rule, definition]),
);

/**
 * Validates a user's threshold rule, e.g. `{"rule": "robustZ", "k": 3}`, filling in defaults.
 * Throws INVALID_ARGUMENT naming `threshold.<field>` of `detector` for anything amiss.
 */
export function resolveThresholdRule(given: unknown, detector: string): ThresholdRule {
  const known = [...byName.keys()];
  const example = 'an object such as {"rule": "percentile", "percentile": 95}';
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw invalidArgument(`parameter threshold of detector ${detector} expects ${example}; received ${describeValue(given)}`, {
      detector,
      parameter: 'threshold',
    });
  }
  const { rule: name, ...fields } = given as Record<string, unknown>;
  const definition = typeof name === 'string' ? byName.get(name) : undefined;
  if (!definition) {
    throw invalidArgument(
      `parameter threshold.rule of detector ${detector} expects one of ${known.join(', ')}; received ${describeValue(name)}`,
      { detector, parameter: 'threshold.rule', known },
    );
  }
  const resolved = resolveFields(definition.fields, fields, { detector, prefix: 'threshold.' });
  // Each field passed its spec, so the object has the shape of this rule's type.
  const rule = Object.freeze({ rule: definition.rule, ...resolved }) as ThresholdRule;
  const problem = ruleProblem(rule);
  if (problem) throw invalidArgument(`threshold ${definition.rule} of detector ${detector}: ${problem}`, { detector, parameter: 'threshold' });
  return rule;
}

/** Applies a resolved rule to a score curve (at least one frame). */
export function applyThreshold(scores: Float64Array, rule: ThresholdRule): AppliedThreshold {
  switch (rule.rule) {
    case 'percentile':
      return percentileRule.apply(scores, rule);
    case 'robustZ':
      return robustZRule.apply(scores, rule);
    case 'fixed':
      return fixedRule.apply(scores, rule);
    case 'topK':
      return topKRule.apply(scores, rule);
    case 'hysteresis':
      return hysteresisRule.apply(scores, rule);
    default:
      throw new UnreachableCaseError(rule);
  }
}

/** What is wrong across the fields of a rule (e.g. hysteresis low > high), or undefined. */
function ruleProblem(rule: ThresholdRule): string | undefined {
  return rule.rule === 'hysteresis' ? hysteresisRule.problem?.(rule) : undefined;
}

/** The rule names, for listings. */
export function thresholdRuleNames(): ThresholdRuleName[] {
  return THRESHOLD_RULES.map((definition) => definition.rule);
}

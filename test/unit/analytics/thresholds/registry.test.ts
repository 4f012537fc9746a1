import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../../src/errors.js';
import { applyThreshold, resolveThresholdRule, thresholdRuleNames } from '../../../../src/analytics/thresholds/registry.js';
import { assertThrowsCode } from '../../../support/errors.js';

describe('resolveThresholdRule', () => {
  it('knows the five rules', () => {
    assert.deepEqual(thresholdRuleNames(), ['percentile', 'robustZ', 'fixed', 'topK', 'hysteresis']);
  });

  it('fills in each rule\'s defaults', () => {
    assert.deepEqual(resolveThresholdRule({ rule: 'percentile' }, 'd'), { rule: 'percentile', percentile: 95 });
    assert.deepEqual(resolveThresholdRule({ rule: 'robustZ' }, 'd'), { rule: 'robustZ', k: 3 });
    assert.deepEqual(resolveThresholdRule({ rule: 'fixed', value: 2 }, 'd'), { rule: 'fixed', value: 2, comparison: 'GREATER_THAN' });
    assert.deepEqual(resolveThresholdRule({ rule: 'topK' }, 'd'), { rule: 'topK', k: 10 });
    assert.deepEqual(resolveThresholdRule({ rule: 'hysteresis' }, 'd'), { rule: 'hysteresis', high: 95, low: 80, levels: 'percentile' });
  });

  it('keeps given fields', () => {
    assert.deepEqual(resolveThresholdRule({ rule: 'hysteresis', high: 10, low: -1, levels: 'value' }, 'd'), {
      rule: 'hysteresis',
      high: 10,
      low: -1,
      levels: 'value',
    });
  });

  it('applies a resolved rule by its tag', () => {
    const result = applyThreshold(Float64Array.from([1, 5, 3]), resolveThresholdRule({ rule: 'topK', k: 1 }, 'd'));
    assert.deepEqual([...result.flagged], [0, 1, 0]);
  });
});

describe('resolveThresholdRule misuse', () => {
  const cases: [string, unknown, RegExp][] = [
    ['a number instead of an object', 95, /parameter threshold of detector d expects an object such as \{"rule": "percentile", "percentile": 95\}; received 95 \(number\)/],
    ['a list', [], /parameter threshold of detector d expects an object .*; received \[\] \(array\)/],
    ['a missing rule', { k: 3 }, /parameter threshold.rule of detector d expects one of percentile, robustZ, fixed, topK, hysteresis; received undefined \(undefined\)/],
    ['an unknown rule', { rule: 'zscore' }, /parameter threshold.rule of detector d expects one of .*; received "zscore" \(string\)/],
    ['an unknown field', { rule: 'robustZ', q: 1 }, /threshold of detector d has no parameter "q"; known parameters: k/],
    ['topK with k = 0', { rule: 'topK', k: 0 }, /parameter threshold.k of detector d expects an integer ≥ 1; received 0 \(number\)/],
    ['topK with a fractional k', { rule: 'topK', k: 1.5 }, /parameter threshold.k .* received 1\.5 \(number\)/],
    ['robustZ with negative k', { rule: 'robustZ', k: -1 }, /parameter threshold.k of detector d expects a finite number ≥ 0; received -1 \(number\)/],
    ['fixed without a value', { rule: 'fixed' }, /parameter threshold.value of detector d is required \(a finite number\); received nothing/],
    ['an unknown comparison', { rule: 'fixed', value: 1, comparison: 'LESS' }, /parameter threshold.comparison .* expects one of "GREATER_THAN", "AT_LEAST"; received "LESS" \(string\)/],
    ['a percentile above 100', { rule: 'percentile', percentile: 101 }, /parameter threshold.percentile .* in \[0, 100\]; received 101/],
    ['hysteresis with low above high', { rule: 'hysteresis', high: 2, low: 3, levels: 'value' }, /threshold hysteresis of detector d: low must not exceed high; received high 2 and low 3/],
    ['hysteresis percentiles beyond 100', { rule: 'hysteresis', high: 120, low: 50 }, /high and low must be percentiles in \[0, 100\]; received high 120 and low 50/],
    ['unknown hysteresis levels', { rule: 'hysteresis', levels: 'sigma' }, /parameter threshold.levels .* expects one of "percentile", "value"/],
  ];
  for (const [what, given, message] of cases) {
    it(`rejects ${what} with INVALID_ARGUMENT`, () => {
      assertThrowsCode(() => resolveThresholdRule(given, 'd'), ErrorCode.INVALID_ARGUMENT, message);
    });
  }
});

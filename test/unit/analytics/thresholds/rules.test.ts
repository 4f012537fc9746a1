import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedRule } from '../../../../src/analytics/thresholds/fixed.rule.js';
import { hysteresisRule } from '../../../../src/analytics/thresholds/hysteresis.rule.js';
import { percentileRule } from '../../../../src/analytics/thresholds/percentile.rule.js';
import { robustZRule } from '../../../../src/analytics/thresholds/robust-z.rule.js';
import { topKRule } from '../../../../src/analytics/thresholds/top-k.rule.js';
import { flaggedFrames } from '../../../../src/analytics/threshold.js';

const curve = (...values: number[]): Float64Array => Float64Array.from(values);

describe('percentile rule', () => {
  it('flags the scores strictly above numpy\'s linear percentile', () => {
    // sorted [0, 1, 2, 3, 4], p = 50 → index 2 → threshold 2
    const result = percentileRule.apply(curve(4, 0, 2, 3, 1), { rule: 'percentile', percentile: 50 });
    assert.equal(result.threshold, 2);
    assert.equal(result.comparison, 'GREATER_THAN');
    assert.deepEqual(flaggedFrames(result.flagged), [0, 3]);
  });
});

describe('robustZ rule', () => {
  it('sets the threshold k scaled MADs above the median', () => {
    // median 3; |deviations| [2, 1, 0, 1, 97] → MAD 1; k = 2 → 3 + 2 × 1.4826 = 5.9652
    const result = robustZRule.apply(curve(1, 2, 3, 4, 100), { rule: 'robustZ', k: 2 });
    assert.ok(Math.abs(result.threshold - 5.9652) < 1e-12, String(result.threshold));
    assert.equal(result.comparison, 'GREATER_THAN');
    assert.deepEqual(flaggedFrames(result.flagged), [4]);
  });

  it('with k = 0 flags every score above the median', () => {
    const result = robustZRule.apply(curve(1, 2, 3, 4, 100), { rule: 'robustZ', k: 0 });
    assert.equal(result.threshold, 3);
    assert.deepEqual(flaggedFrames(result.flagged), [3, 4]);
  });

  it('falls back to the median when more than half the scores tie (MAD 0)', () => {
    // median 5, deviations [0, 0, 0, 0, 4] → MAD 0 → threshold 5 whatever k
    const result = robustZRule.apply(curve(5, 5, 9, 5, 5), { rule: 'robustZ', k: 3 });
    assert.equal(result.threshold, 5);
    assert.deepEqual(flaggedFrames(result.flagged), [2]);
  });
});

describe('fixed rule', () => {
  const scores = curve(0, 1, 2, 3);

  it('flags scores above the value with GREATER_THAN', () => {
    const result = fixedRule.apply(scores, { rule: 'fixed', value: 2, comparison: 'GREATER_THAN' });
    assert.deepEqual([result.threshold, result.comparison, flaggedFrames(result.flagged)], [2, 'GREATER_THAN', [3]]);
  });

  it('also flags scores equal to the value with AT_LEAST', () => {
    const result = fixedRule.apply(scores, { rule: 'fixed', value: 2, comparison: 'AT_LEAST' });
    assert.deepEqual(flaggedFrames(result.flagged), [2, 3]);
  });
});

describe('topK rule', () => {
  it('flags exactly k frames, the earlier ones among ties, and reports the k-th score', () => {
    // three frames tie at 9 (1, 2, 4): k = 2 takes frames 1 and 2
    const result = topKRule.apply(curve(3, 9, 9, 1, 9), { rule: 'topK', k: 2 });
    assert.deepEqual(flaggedFrames(result.flagged), [1, 2]);
    assert.equal(result.threshold, 9);
    assert.equal(result.comparison, 'AT_LEAST');
  });

  it('takes the highest scores wherever they are', () => {
    const result = topKRule.apply(curve(3, 9, 2, 8, 1), { rule: 'topK', k: 3 });
    assert.deepEqual(flaggedFrames(result.flagged), [0, 1, 3]);
    assert.equal(result.threshold, 3);
  });

  it('flags every frame when the audio has fewer than k, with the lowest score as threshold', () => {
    const result = topKRule.apply(curve(3, 9, 1), { rule: 'topK', k: 10 });
    assert.deepEqual(flaggedFrames(result.flagged), [0, 1, 2]);
    assert.equal(result.threshold, 1);
  });
});

describe('hysteresis rule', () => {
  it('opens strictly above high, stays open down to low inclusive and closes below low', () => {
    // f1 6 > 5 opens; 4 and 3 ≥ 2 stay; 1.5 < 2 closes; 2 does not reopen; 7 opens; 2 (= low) stays;
    // 1 closes; 5 (= high) does not open
    const scores = curve(1, 6, 4, 3, 1.5, 2, 7, 2, 1, 5);
    const result = hysteresisRule.apply(scores, { rule: 'hysteresis', high: 5, low: 2, levels: 'value' });
    assert.deepEqual([...result.flagged], [0, 1, 1, 1, 0, 0, 1, 1, 0, 0]);
    assert.deepEqual([result.threshold, result.lowThreshold, result.comparison], [5, 2, 'GREATER_THAN']);
  });

  it('takes high and low as percentiles of the audio\'s scores by default', () => {
    // sorted [0, 0, 1, 2, 3, 4]: p80 → index 4 → 3; p40 → index 2 → 1
    const result = hysteresisRule.apply(curve(0, 4, 2, 1, 3, 0), { rule: 'hysteresis', high: 80, low: 40, levels: 'percentile' });
    assert.deepEqual([result.threshold, result.lowThreshold], [3, 1]);
    assert.deepEqual([...result.flagged], [0, 1, 1, 1, 1, 0]);
  });

  it('acts as a plain threshold when low equals high, except that a score equal to it keeps a run open', () => {
    const result = hysteresisRule.apply(curve(3, 5, 3, 2), { rule: 'hysteresis', high: 3, low: 3, levels: 'value' });
    assert.deepEqual([...result.flagged], [0, 1, 1, 0]);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../../src/errors.js';
import { bootstrapIntervals } from '../../../../src/analytics/evaluation/bootstrap.js';
import { assertThrowsCode } from '../../../support/errors.js';

const values = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const weightedMean = (weights: Uint32Array): number[] => {
  let sum = 0;
  weights.forEach((w, f) => (sum += w * values[f]!));
  return [sum / weights.length];
};

describe('bootstrapIntervals', () => {
  it('gives the same intervals for the same seed and different ones for another seed', () => {
    const first = bootstrapIntervals(10, weightedMean, { iterations: 200, seed: 5 });
    assert.deepEqual(bootstrapIntervals(10, weightedMean, { iterations: 200, seed: 5 }), first);
    assert.notDeepEqual(bootstrapIntervals(10, weightedMean, { iterations: 200, seed: 6 }), first);
  });

  it('draws as many files as there are in every resample', () => {
    let calls = 0;
    bootstrapIntervals(7, (weights) => {
      calls++;
      assert.equal(weights.reduce((a, b) => a + b, 0), 7);
      return [0];
    }, { iterations: 50 });
    assert.equal(calls, 50);
  });

  it('brackets the mean of 0..9 (4.5) with a 95 % interval inside [0, 9]', () => {
    const [interval] = bootstrapIntervals(10, weightedMean);
    assert.ok(interval!.low < 4.5 && 4.5 < interval!.high, JSON.stringify(interval));
    assert.ok(interval!.low >= 0 && interval!.high <= 9);
    assert.equal(interval!.level, 0.95);
    assert.equal(interval!.replicates, 1000);
  });

  it('collapses to the point value when there is a single file', () => {
    const [interval] = bootstrapIntervals(1, (weights) => [weights[0]! * 0.25]);
    assert.deepEqual(interval, { low: 0.25, high: 0.25, level: 0.95, replicates: 1000 });
  });

  it('skips resamples whose value is NaN and counts the rest', () => {
    let defined = 0;
    const [interval] = bootstrapIntervals(3, (weights) => {
      if (weights[0] === 0) return [NaN];
      defined++;
      return [1];
    }, { iterations: 300 });
    assert.equal(interval!.replicates, defined);
    assert.ok(defined > 0 && defined < 300);
    assert.equal(interval!.low, 1);
  });

  it('reports NaN bounds and 0 replicates when every resample is NaN', () => {
    assert.deepEqual(bootstrapIntervals(2, () => [NaN], { iterations: 10 }), [{ low: NaN, high: NaN, level: 0.95, replicates: 0 }]);
  });

  describe('misuse', () => {
    it('rejects a non-positive iteration count and a level outside (0, 1)', () => {
      assertThrowsCode(() => bootstrapIntervals(2, () => [0], { iterations: 0 }), ErrorCode.INVALID_ARGUMENT, /iterations must be an integer ≥ 1; received 0/);
      assertThrowsCode(() => bootstrapIntervals(2, () => [0], { level: 1 }), ErrorCode.INVALID_ARGUMENT, /level must lie strictly between 0 and 1; received 1/);
    });
  });
});

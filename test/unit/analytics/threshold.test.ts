import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { fixedThreshold, flaggedFrames, percentileThreshold } from '../../../src/analytics/threshold.js';
import { assertThrowsCode } from '../../support/errors.js';

describe('percentileThreshold', () => {
  it('flags the frames strictly above the percentile of the scores', () => {
    // sorted [0, 1, 2, 3, 4], p = 50: h = 2 → threshold 2; frames with 3 and 4 are above it
    const result = percentileThreshold(new Float64Array([4, 0, 2, 3, 1]), 50);
    assert.equal(result.threshold, 2);
    assert.equal(result.comparison, 'GREATER_THAN');
    assert.deepEqual([...result.flagged], [1, 0, 0, 1, 0]);
  });

  it('flags nothing when every score ties with the threshold', () => {
    const result = percentileThreshold(new Float64Array([3, 3, 3, 3]), 95);
    assert.equal(result.threshold, 3);
    assert.deepEqual(flaggedFrames(result.flagged), []);
  });

  it('flags only the frames above a threshold that ties with several scores', () => {
    // sorted [0, 0, 0, 0, 10], p = 50 → threshold 0: only the 10 is strictly above
    const result = percentileThreshold(new Float64Array([0, 10, 0, 0, 0]), 50);
    assert.deepEqual(flaggedFrames(result.flagged), [1]);
  });

  it('rejects an empty score curve with INVALID_ARGUMENT', () => {
    assertThrowsCode(() => percentileThreshold(new Float64Array(0), 95), ErrorCode.INVALID_ARGUMENT, /empty list/);
  });
});

describe('fixedThreshold', () => {
  const scores = new Float64Array([0, 1, 2, 3]);

  it('flags scores equal to the threshold with AT_LEAST', () => {
    const result = fixedThreshold(scores, 2, 'AT_LEAST');
    assert.equal(result.threshold, 2);
    assert.equal(result.comparison, 'AT_LEAST');
    assert.deepEqual(flaggedFrames(result.flagged), [2, 3]);
  });

  it('does not flag scores equal to the threshold with GREATER_THAN', () => {
    assert.deepEqual(flaggedFrames(fixedThreshold(scores, 2, 'GREATER_THAN').flagged), [3]);
  });

  it('rejects a NaN threshold with INVALID_ARGUMENT', () => {
    assertThrowsCode(() => fixedThreshold(scores, Number.NaN, 'AT_LEAST'), ErrorCode.INVALID_ARGUMENT, /received NaN/);
  });
});

describe('flaggedFrames', () => {
  it('lists the flagged frame numbers in ascending order', () => {
    assert.deepEqual(flaggedFrames(Uint8Array.from([0, 1, 1, 0, 1])), [1, 2, 4]);
  });
});

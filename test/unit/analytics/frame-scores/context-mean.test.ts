import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contextMean } from '../../../../src/analytics/frame-scores/context-mean.js';
import { subtractFileMedian } from '../../../../src/analytics/frame-scores/subtract-file-median.js';

describe('contextMean', () => {
  it('averages ±context frames per dimension, cut at the ends', () => {
    // frames (0, 10), (3, 20), (6, 30), (9, 40)
    const e = Float64Array.of(0, 10, 3, 20, 6, 30, 9, 40);
    assert.deepEqual([...contextMean(e, 2, 1)], [1.5, 15, 3, 20, 6, 30, 7.5, 35]);
    assert.deepEqual([...contextMean(e, 2, 5)], [4.5, 25, 4.5, 25, 4.5, 25, 4.5, 25]);
  });

  it('returns a copy with context 0', () => {
    const e = Float64Array.of(1, 2, 3);
    const out = contextMean(e, 1, 0);
    assert.deepEqual([...out], [1, 2, 3]);
    assert.notEqual(out, e);
  });
});

describe('subtractFileMedian', () => {
  it('subtracts each dimension\'s median, the mean of the middle two for an even count', () => {
    // dimension 0: 5 1 3 → median 3; dimension 1: 0 8 2 → median 2
    assert.deepEqual([...subtractFileMedian(Float64Array.of(5, 0, 1, 8, 3, 2), 2)], [2, -2, -2, 6, 0, 0]);
    // 4 1 2 9 → middle two 2 and 4 → 3
    assert.deepEqual([...subtractFileMedian(Float64Array.of(4, 1, 2, 9), 1)], [1, -2, -1, 6]);
  });
});

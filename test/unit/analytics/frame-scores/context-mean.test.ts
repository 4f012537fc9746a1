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

describe('subtractFileMedian on many frames', () => {
  it('agrees with a sorted median for odd and even counts, ties included', () => {
    let seed = 12345;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (const frames of [1, 2, 7, 100, 1001]) {
      const values = Float64Array.from({ length: frames * 3 }, (_, i) => (i % 3 === 2 ? Math.floor(next() * 4) : next() * 10 - 5));
      const expected = [0, 1, 2].map((d) => {
        const column = Array.from({ length: frames }, (_, f) => values[f * 3 + d]!).sort((a, b) => a - b);
        return frames % 2 ? column[frames >> 1]! : (column[(frames >> 1) - 1]! + column[frames >> 1]!) / 2;
      });
      const out = subtractFileMedian(Float64Array.from(values), 3);
      out.forEach((v, i) => assert.equal(v, values[i]! - expected[i % 3]!, `${frames} frames, value ${i}`));
    }
  });
});

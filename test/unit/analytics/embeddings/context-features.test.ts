import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contextFeatures } from '../../../../src/analytics/embeddings/context-features.js';
import { dimensionMedians } from '../../../../src/analytics/frame-scores/subtract-file-median.js';

describe('context features', () => {
  it('takes the per-dimension median, the middle pair\'s mean for an even count', () => {
    // 4 frames × 2 dims: dim 0 = 1, 2, 3, 10 (median 2.5); dim 1 = 5, 5, 0, 7 (median 5).
    assert.deepEqual(Array.from(dimensionMedians(Float32Array.from([1, 5, 2, 5, 3, 0, 10, 7]), 2)), [2.5, 5]);
  });

  it('concatenates each frame with its neighbours, minus the file median, clamping at the edges', () => {
    const e = Float32Array.from([1, 2, 3, 10]); // dim 1, median 2.5
    const f = contextFeatures(e, 1, { context: 1 });
    assert.equal(f.width, 3);
    assert.deepEqual(Array.from(f.values), [-1.5, -1.5, -0.5, -1.5, -0.5, 0.5, -0.5, 0.5, 7.5, 0.5, 7.5, 7.5]);
  });

  it('keeps the raw embeddings when the median is not subtracted, and context 0 is the frame alone', () => {
    const e = Float32Array.from([1, 5, 2, 5, 3, 0]);
    assert.deepEqual(Array.from(contextFeatures(e, 2, { context: 0, subtractMedian: false }).values), Array.from(e));
  });
});

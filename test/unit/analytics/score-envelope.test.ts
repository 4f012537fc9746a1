import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreEnvelope } from '../../../src/analytics/score-envelope.js';
import { mulberry32 } from '../../../src/jsutils/mulberry32.js';

describe('scoreEnvelope', () => {
  it('keeps every bucket’s extremes, so no peak is lost however far the curve is shrunk', () => {
    const random = mulberry32(7);
    const scores = Array.from({ length: 45_001 }, () => random() * 10);
    scores[31_337] = 1000;
    scores[12_345] = -5;
    const e = scoreEnvelope(scores, 997);
    assert.equal(e.max.length, 997);
    assert.equal(e.min.length, 997);
    assert.equal(Math.max(...e.max), 1000);
    assert.equal(Math.min(...e.min), -5);
    assert.ok(Math.abs(e.framesPerBucket - 45_001 / 997) < 1e-12);
    // Bucket i covers [floor(i·N/B), floor((i+1)·N/B)): check three against a direct computation.
    for (const i of [0, 500, 996]) {
      const slice = scores.slice(Math.floor((i * 45_001) / 997), Math.floor(((i + 1) * 45_001) / 997));
      assert.equal(e.max[i], Math.max(...slice));
      assert.equal(e.min[i], Math.min(...slice));
    }
  });

  it('gives one bucket per frame when there are fewer frames than buckets', () => {
    const e = scoreEnvelope([3, 1, 2], 1000);
    assert.deepEqual(e, { framesPerBucket: 1, min: [3, 1, 2], max: [3, 1, 2] });
  });

  it('is empty for no scores and skips NaN', () => {
    assert.deepEqual(scoreEnvelope([], 10), { framesPerBucket: 0, min: [], max: [] });
    assert.deepEqual(scoreEnvelope([NaN, 4, NaN, NaN], 2), { framesPerBucket: 2, min: [4, NaN], max: [4, NaN] });
  });

  it('rejects a bucket count below 1 or not an integer', () => {
    assert.throws(() => scoreEnvelope([1], 0), /buckets must be an integer ≥ 1; received 0/);
    assert.throws(() => scoreEnvelope([1], 2.5), /received 2.5/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../../src/errors.js';
import { frameMetrics } from '../../../../src/analytics/evaluation/frame-metrics.js';
import { assertThrowsCode } from '../../../support/errors.js';
import { assertFieldsClose } from './approx.js';

// File a: a positive at 0.9 and a negative at 0.1 (AUROC 1 alone). File b: one negative at 0.95.
const scores = new Map([
  ['a', Float64Array.of(0.9, 0.1)],
  ['b', Float64Array.of(0.95)],
]);
const truth = new Map([
  ['a', Uint8Array.of(1, 0)],
  ['b', Uint8Array.of(0)],
]);

describe('frameMetrics', () => {
  it('pools the frames of all files', () => {
    // Positive 0.9 vs negatives 0.95 and 0.1 → AUROC 1/2; AP: precision 1/2 at recall 1 → 1/2.
    const result = frameMetrics(scores, truth, { bootstrap: false });
    assertFieldsClose(result, { auroc: 0.5, auprc: 0.5, positives: 1, negatives: 2, frames: 3 });
    assert.equal(result.intervals, undefined);
  });

  it('bootstraps over files, skipping resamples without a positive frame', () => {
    // Resamples: {a, a} → AUROC = AP = 1 (p = 1/4); {a, b} → 1/2 (p = 1/2); {b, b} → no positive,
    // skipped (p = 1/4). About 750 of 1000 count, two thirds of them 1/2: the interval is [1/2, 1].
    const { intervals } = frameMetrics(scores, truth);
    assert.ok(intervals);
    assertFieldsClose(intervals.auroc, { low: 0.5, high: 1 });
    assertFieldsClose(intervals.auprc, { low: 0.5, high: 1 });
    assert.ok(intervals.auroc.replicates > 650 && intervals.auroc.replicates < 850, `${intervals.auroc.replicates}`);
  });

  it('does not depend on the order of the maps', () => {
    const reversedScores = new Map([...scores].reverse());
    const reversedTruth = new Map([...truth].reverse());
    assert.deepEqual(frameMetrics(reversedScores, reversedTruth), frameMetrics(scores, truth));
  });

  describe('misuse', () => {
    it('rejects maps that do not name the same files', () => {
      const extra = new Map([...truth, ['c', Uint8Array.of(1)]]);
      assertThrowsCode(() => frameMetrics(scores, extra), ErrorCode.INVALID_ARGUMENT, /same files; unmatched: c/);
    });
  });
});

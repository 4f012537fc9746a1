import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classCounts } from '../../../../src/analytics/evaluation/counts.js';
import type { FileCounts } from '../../../../src/analytics/evaluation/counts.js';
import { flattenSummary, summarize, unflattenSummary } from '../../../../src/analytics/evaluation/summary.js';
import type { FileEvaluation } from '../../../../src/analytics/evaluation/summary.js';
import { assertFieldsClose } from './approx.js';

const oneClass = (reference: number, estimated: number, truePositives: number): FileCounts => ({
  overall: classCounts(reference, estimated, truePositives),
  classWise: [classCounts(reference, estimated, truePositives)],
});
const file = (reference: number, estimated: number, truePositives: number): FileEvaluation => ({
  event: oneClass(reference, estimated, truePositives),
  segment: oneClass(reference, estimated, truePositives),
});

describe('summarize', () => {
  it('sums counts over files before scoring them (micro average)', () => {
    // File 1: N 1, 1 estimate, 1 TP. File 2: N 3, 1 estimate, 0 TP. Sum: N 4, 2 estimates, 1 TP →
    // P 1/2, R 1/4, F 2·(1/8)/(3/4) = 1/3 — not the mean of the files' F (1 and 0).
    const summary = summarize([file(1, 1, 1), file(3, 1, 0)], ['a'], 'zero-score');
    assertFieldsClose(summary.overall.event, { precision: 0.5, recall: 0.25, f1: 1 / 3 });
    assert.deepEqual(summary.overall.event.counts.reference, 4);
  });

  it('counts a file as often as its weight', () => {
    // Weights 2 and 0: two copies of file 1 → P = R = F = 1.
    const summary = summarize([file(1, 1, 1), file(3, 1, 0)], ['a'], 'zero-score', [2, 0]);
    assertFieldsClose(summary.overall.event, { precision: 1, recall: 1, f1: 1 });
    assert.equal(summary.overall.event.counts.truePositives, 2);
  });

  it('flattens every score in a fixed order that unflattening restores', () => {
    const twoClasses: FileCounts = { overall: classCounts(2, 1, 1), classWise: [classCounts(2, 1, 1), classCounts(0, 0, 0)] };
    const summary = summarize([{ event: twoClasses, segment: twoClasses }], ['a', 'b'], 'zero-score');
    const flat = flattenSummary(summary, ['a', 'b']);
    assert.equal(flat.length, 7 * 2 * 4); // 7 scores × (event, segment) × (overall, average, a, b)
    const back = unflattenSummary(flat, ['a', 'b']);
    assert.equal(back.overall.event.recall, 0.5);
    assert.equal(back.classWise['a']!.segment.precision, 1);
  });
});

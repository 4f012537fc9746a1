import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { averageScores, nanMean, scoresFromCounts } from '../../../../src/analytics/evaluation/scores.js';
import type { Counts } from '../../../../src/analytics/evaluation/counts.js';
import { assertFieldsClose } from './approx.js';

const counts = (reference: number, estimated: number, truePositives: number, s: number, d: number, i: number): Counts => ({
  reference,
  estimated,
  truePositives,
  substitutions: s,
  deletions: d,
  insertions: i,
});

describe('scoresFromCounts', () => {
  it('computes precision, recall, F1 and error rate from the counts', () => {
    // P = 3/5, R = 3/4, F = 2·0.6·0.75 / 1.35 = 2/3, ER = (0 + 1 + 2) / 4.
    assertFieldsClose(scoresFromCounts(counts(4, 5, 3, 0, 1, 2), 'zero-score'), {
      precision: 0.6,
      recall: 0.75,
      f1: 2 / 3,
      errorRate: 0.75,
      substitutionRate: 0,
      deletionRate: 0.25,
      insertionRate: 0.5,
    });
  });

  it('counts a substitution once in the error rate and against both precision and recall', () => {
    // N = 3, 3 estimates, 1 TP, S = D = I = 1: P = R = F = 1/3, ER = 3/3.
    assertFieldsClose(scoresFromCounts(counts(3, 3, 1, 1, 1, 1), 'zero-score'), {
      precision: 1 / 3,
      recall: 1 / 3,
      f1: 1 / 3,
      errorRate: 1,
      substitutionRate: 1 / 3,
    });
  });

  it('leaves recall, F1 and a non-zero error rate undefined when there is no reference', () => {
    assertFieldsClose(scoresFromCounts(counts(0, 1, 0, 0, 0, 1), 'zero-score'), {
      precision: 0,
      recall: NaN,
      f1: NaN,
      errorRate: NaN,
      insertionRate: NaN,
      deletionRate: 0,
    });
  });

  it('gives precision 0 and F1 0 for empty estimates under zero-score, NaN under nan', () => {
    const missedTwo = counts(2, 0, 0, 0, 2, 0);
    assertFieldsClose(scoresFromCounts(missedTwo, 'zero-score'), { precision: 0, recall: 0, f1: 0, errorRate: 1 });
    assertFieldsClose(scoresFromCounts(missedTwo, 'nan'), { precision: NaN, recall: 0, f1: NaN, errorRate: 1 });
  });

  it('gives error rate 0 when there is neither reference nor estimate', () => {
    assertFieldsClose(scoresFromCounts(counts(0, 0, 0, 0, 0, 0), 'zero-score'), { precision: 0, recall: NaN, f1: NaN, errorRate: 0 });
  });
});

describe('nanMean and averageScores', () => {
  it('averages the values that are not NaN', () => {
    assert.equal(nanMean([NaN, 1, 2]), 1.5);
    assert.ok(Number.isNaN(nanMean([NaN])));
    assert.ok(Number.isNaN(nanMean([])));
  });

  it('averages each score over the classes, skipping undefined ones', () => {
    const a = scoresFromCounts(counts(2, 1, 1, 0, 1, 0), 'zero-score'); // P 1, R 1/2, F 2/3, ER 1/2
    const b = scoresFromCounts(counts(0, 1, 0, 0, 0, 1), 'zero-score'); // P 0, R NaN, F NaN, ER NaN
    assertFieldsClose(averageScores([a, b]), { precision: 0.5, recall: 0.5, f1: 2 / 3, errorRate: 0.5 });
  });
});

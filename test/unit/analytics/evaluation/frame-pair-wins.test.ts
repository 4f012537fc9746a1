import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aurocFromPairWins, framePairWins } from '../../../../src/analytics/evaluation/frame-pair-wins.js';
import { rankFrames, rankingMetrics } from '../../../../src/analytics/evaluation/frame-ranking.js';
import { mulberry32 } from '../../../../src/jsutils/mulberry32.js';

describe('framePairWins', () => {
  it('splits the pairs won by file pair, ties counted half', () => {
    // File 0: positive 0.9, negative 0.5. File 1: positive 0.5, negative 0.1.
    const ranking = rankFrames([[0.9, 0.5], [0.5, 0.1]], [[1, 0], [1, 0]]);
    const pairs = framePairWins(ranking, 2);
    assert.deepEqual(pairs.positives, [1, 1]);
    assert.deepEqual(pairs.negatives, [1, 1]);
    // 0.9 beats both negatives; file 1's 0.5 ties file 0's 0.5 (½) and beats 0.1.
    assert.deepEqual(pairs.wins, [[1, 1], [0.5, 1]]);
    assert.equal(aurocFromPairWins(pairs), 3.5 / 4);
  });

  it('gives the pooled AUROC of any file weighting, as rankingMetrics does with the frames', () => {
    const random = mulberry32(5);
    const files = 6;
    // Scores on a coarse grid, so ties across files are common.
    const scores = Array.from({ length: files }, () => Array.from({ length: 40 }, () => Math.round(random() * 8) / 8));
    const truths = scores.map((s) => s.map((v) => (random() < 0.2 + 0.5 * v ? 1 : 0)));
    const ranking = rankFrames(scores, truths);
    const pairs = framePairWins(ranking, files);
    for (let trial = 0; trial < 20; trial++) {
      const weights = Uint32Array.from({ length: files }, () => Math.floor(random() * 3));
      const expected = rankingMetrics(ranking, weights).auroc;
      const actual = aurocFromPairWins(pairs, weights);
      if (Number.isNaN(expected)) assert.ok(Number.isNaN(actual));
      else assert.ok(Math.abs(actual - expected) < 1e-12, `trial ${trial}: ${actual} vs ${expected}`);
    }
  });

  it('is NaN without positives or without negatives', () => {
    assert.ok(Number.isNaN(aurocFromPairWins(framePairWins(rankFrames([[0.1, 0.2]], [[0, 0]]), 1))));
    assert.ok(Number.isNaN(aurocFromPairWins(framePairWins(rankFrames([[0.1, 0.2]], [[1, 1]]), 1))));
  });
});

import { describe, it } from 'node:test';
import { ErrorCode } from '../../../../src/errors.js';
import { rankFrames, rankingMetrics } from '../../../../src/analytics/evaluation/frame-ranking.js';
import { assertThrowsCode } from '../../../support/errors.js';
import { assertFieldsClose } from './approx.js';

const metrics = (scores: number[], truth: number[]) => rankingMetrics(rankFrames([scores], [truth]));

describe('rankingMetrics', () => {
  it('computes AUROC and average precision with a tie between a positive and a negative', () => {
    // Positives 0.9, 0.8, 0.1; negatives 0.8, 0.3. Pairs won: (0.9 > 0.8, 0.3) 2, (0.8 = 0.8) ½,
    // (0.8 > 0.3) 1, (0.1) 0 → 3.5 of 6 = 7/12.
    // AP: at 0.9 recall 1/3 with precision 1; at 0.8 (the tie enters together) recall 2/3, precision 2/3;
    // at 0.3 no gain; at 0.1 recall 1, precision 3/5 → 1/3·1 + 1/3·2/3 + 1/3·3/5 = 34/45.
    assertFieldsClose(metrics([0.9, 0.8, 0.8, 0.3, 0.1], [1, 1, 0, 0, 1]), {
      auroc: 7 / 12,
      auprc: 34 / 45,
      positives: 3,
      negatives: 2,
    });
  });

  it('gives AUROC ½ and AP equal to the positive share when every score ties', () => {
    assertFieldsClose(metrics([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0]), { auroc: 0.5, auprc: 0.5 });
  });

  it('gives 1 and 1 for a perfect ranking, 0 and the positive share at the bottom for the reverse', () => {
    assertFieldsClose(metrics([4, 3, 2, 1], [1, 1, 0, 0]), { auroc: 1, auprc: 1 });
    // Reversed: positives last. AP: at 2 recall 1/2, precision 1/3; at 1 recall 1, precision 2/4
    // → 1/2·1/3 + 1/2·1/2 = 5/12.
    assertFieldsClose(metrics([4, 3, 2, 1], [0, 0, 1, 1]), { auroc: 0, auprc: 5 / 12 });
  });

  it('leaves AUROC undefined without positives or without negatives', () => {
    assertFieldsClose(metrics([0.3, 0.2], [0, 0]), { auroc: NaN, auprc: NaN });
    assertFieldsClose(metrics([0.3, 0.2], [1, 1]), { auroc: NaN, auprc: 1 });
  });

  it('weights each file as if its frames were repeated', () => {
    // A = {0.9 +, 0.1 −} twice and B = {0.95 −} once: positives 0.9, 0.9; negatives 0.1, 0.1, 0.95.
    // Each positive beats two of three negatives → AUROC 2/3; AP: both positives enter at 0.9 behind
    // one negative → precision 2/3 at recall 1 → 2/3.
    const ranking = rankFrames([[0.9, 0.1], [0.95]], [[1, 0], [0]]);
    assertFieldsClose(rankingMetrics(ranking, [2, 1]), { auroc: 2 / 3, auprc: 2 / 3, positives: 2, negatives: 3 });
  });

  describe('misuse', () => {
    it('rejects mismatched lengths, NaN scores and truth other than 0 or 1, naming the file', () => {
      assertThrowsCode(() => rankFrames([[1, 2]], [[1]], ['x.wav']), ErrorCode.INVALID_ARGUMENT, /file x\.wav: .*received 2 scores and 1 truth values/);
      assertThrowsCode(() => rankFrames([[NaN]], [[1]]), ErrorCode.INVALID_ARGUMENT, /score of frame 0 is NaN/);
      assertThrowsCode(() => rankFrames([[0.5]], [[2]]), ErrorCode.INVALID_ARGUMENT, /truth of frame 0 must be 0 or 1; received 2/);
    });
  });
});

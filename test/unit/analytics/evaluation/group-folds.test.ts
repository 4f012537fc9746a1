import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupFolds } from '../../../../src/analytics/evaluation/group-folds.js';
import { ErrorCode } from '../../../../src/errors.js';
import { assertThrowsCode } from '../../../support/errors.js';

/** 30 files in 9 groups of uneven size (1 to 6 files). */
const groups = new Map<number, string>(Array.from({ length: 30 }, (_, i) => [i + 1, `g${[0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 6, 6, 7, 7, 7, 8, 8][i]}`]));

describe('groupFolds', () => {
  it('never splits a source group across folds, for any seed and fold count', () => {
    for (const folds of [2, 3, 5, 9]) {
      for (let seed = 1; seed <= 20; seed++) {
        const dealt = groupFolds(groups, folds, seed);
        assert.equal(dealt.length, Math.min(folds, 9));
        assert.deepEqual(dealt.flat().sort((a, b) => a - b), [...groups.keys()], 'the folds partition the files');
        const foldOfGroup = new Map<string, number>();
        dealt.forEach((fold, k) => {
          for (const id of fold) {
            const group = groups.get(id)!;
            assert.equal(foldOfGroup.get(group) ?? k, k, `group ${group} lies in one fold (folds ${folds}, seed ${seed})`);
            foldOfGroup.set(group, k);
          }
        });
      }
    }
  });

  it('balances fold sizes by dealing the largest groups first, each to the smallest fold', () => {
    // Sizes 6, 5, 4, 3, 3, 3, 2, 2, 2 → [6], [5], [4]; 3 → 7, 3 → 8, 3 → 9; 2 → 9, 2 → 10, 2 → 11.
    const sizes = groupFolds(groups, 3, 1).map((f) => f.length).sort((a, b) => a - b);
    assert.deepEqual(sizes, [9, 10, 11]);
  });

  it('gives the same folds for the same seed whatever the map order, and others for another seed', () => {
    const reversed = new Map([...groups].reverse());
    assert.deepEqual(groupFolds(groups, 4, 7), groupFolds(reversed, 4, 7));
    const many = new Map<number, string>(Array.from({ length: 12 }, (_, i) => [i + 1, `s${i}`]));
    assert.notDeepEqual(groupFolds(many, 3, 1), groupFolds(many, 3, 2));
  });

  it('rejects fewer than two groups and fewer than two folds with INVALID_ARGUMENT', () => {
    assertThrowsCode(() => groupFolds(new Map([[1, 'a'], [2, 'a']]), 3, 1), ErrorCode.INVALID_ARGUMENT, /source-group folds need at least 2 groups to hold one out; received 1 \(a\)/);
    assertThrowsCode(() => groupFolds(groups, 1, 1), ErrorCode.INVALID_ARGUMENT, /folds must be an integer ≥ 2; received 1/);
  });
});

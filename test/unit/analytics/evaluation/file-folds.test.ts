import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileFolds } from '../../../../src/analytics/evaluation/file-folds.js';

describe('fileFolds', () => {
  it('partitions the files into folds whose sizes differ by at most one', () => {
    const folds = fileFolds([5, 1, 9, 3, 7, 2, 8], 3, 1);
    assert.equal(folds.length, 3);
    assert.deepEqual(folds.flat().sort((a, b) => a - b), [1, 2, 3, 5, 7, 8, 9]);
    const sizes = folds.map((f) => f.length).sort();
    assert.deepEqual(sizes, [2, 2, 3]);
  });

  it('gives the same folds for the same seed whatever the input order, and others for another seed', () => {
    const ids = Array.from({ length: 20 }, (_, i) => i + 1);
    assert.deepEqual(fileFolds(ids, 5, 3), fileFolds([...ids].reverse(), 5, 3));
    assert.notDeepEqual(fileFolds(ids, 5, 3), fileFolds(ids, 5, 4));
  });

  it('makes no more folds than there are files', () => {
    assert.deepEqual(fileFolds([4, 2], 5, 1).map((f) => f.length), [1, 1]);
    assert.deepEqual(fileFolds([], 5, 1), []);
  });

  it('rejects a fold count below 1', () => {
    assert.throws(() => fileFolds([1], 0, 1), /folds must be an integer ≥ 1; received 0/);
  });
});

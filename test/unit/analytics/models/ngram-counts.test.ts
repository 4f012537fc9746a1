import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bigramCountsOf } from '../../../../src/analytics/models/ngram-counts.js';
import type { CodeMatrix } from '../../../../src/domain/code-matrix.js';
import { frameRow, matrixFromRows } from '../../../support/matrices.js';

async function* each(matrices: CodeMatrix[]): AsyncIterable<CodeMatrix> {
  yield* matrices;
}

/** A matrix whose layer 1 holds `tokens` and every other layer 0. */
const layerOne = (...tokens: number[]) => matrixFromRows(tokens.map((t) => frameRow(0, { 1: t })));

describe('bigramCountsOf', () => {
  it('counts unigrams, consecutive pairs and contexts per layer without crossing matrices', async () => {
    const counts = await bigramCountsOf(each([layerOne(5, 5, 7), layerOne(7, 5)]), [1, 2]);
    assert.deepEqual(counts.layers, [1, 2]);
    assert.deepEqual([counts.unigrams[0]![5], counts.unigrams[0]![7]], [3, 2]);
    // pairs (5,5) (5,7) in the first matrix, (7,5) in the second; 7 → 7 across matrices is not a pair
    assert.deepEqual([...counts.bigrams![0]!].sort(), [[5 * 2048 + 5, 1], [5 * 2048 + 7, 1], [7 * 2048 + 5, 1]].sort());
    assert.deepEqual([counts.contexts![0]![5], counts.contexts![0]![7]], [2, 1]);
    // layer 2 is all zeros: 5 tokens, 3 pairs (0, 0)
    assert.equal(counts.unigrams[1]![0], 5);
    assert.deepEqual([...counts.bigrams![1]!], [[0, 3]]);
  });
});

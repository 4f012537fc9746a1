import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../../src/errors.js';
import { coldTokenCount } from '../../../../src/analytics/frame-scores/cold-token-count.js';
import type { ReferenceCounts } from '../../../../src/analytics/reference-counts.js';
import { assertThrowsCode } from '../../../support/errors.js';
import { frameRow, matrixFromRows } from '../../../support/matrices.js';

/** Every layer has seen token 5 three times and token 6 once; layer 1 has also seen token 7 twice. */
function handReference(): ReferenceCounts {
  const perLayer = Array.from({ length: 16 }, () => {
    const counts = new Float64Array(2048);
    counts[5] = 3;
    counts[6] = 1;
    return counts;
  });
  perLayer[0]![7] = 2;
  return { perLayer, totalTokens: 16 * 4 + 2 };
}

describe('coldTokenCount', () => {
  const reference = handReference();

  it('counts no cold tokens in a frame made of tokens the reference has seen', () => {
    assert.deepEqual([...coldTokenCount(matrixFromRows([frameRow(5), frameRow(6)]), reference)], [0, 0]);
  });

  it('counts every token the reference never saw in that layer', () => {
    // token 7 was seen in layer 1 only, so it is cold in the other 15 layers; token 9 is cold everywhere
    const matrix = matrixFromRows([frameRow(7), frameRow(9), frameRow(5, { 3: 9, 4: 1000 })]);
    assert.deepEqual([...coldTokenCount(matrix, reference)], [15, 16, 2]);
  });

  it('counts only the chosen layers', () => {
    const matrix = matrixFromRows([frameRow(9)]);
    assert.deepEqual([...coldTokenCount(matrix, reference, [1, 2, 16])], [3]);
  });

  it('treats tokens seen at most maxReferenceCount times as cold', () => {
    // maxReferenceCount 1: token 6 (seen once) is cold; token 7 (twice in layer 1) stays warm there
    const matrix = matrixFromRows([frameRow(6), frameRow(7), frameRow(5)]);
    assert.deepEqual([...coldTokenCount(matrix, reference, undefined, 1)], [16, 15, 0]);
    assert.deepEqual([...coldTokenCount(matrix, reference, undefined, 2)], [16, 16, 0]);
  });

  it('rejects a negative maxReferenceCount with INVALID_ARGUMENT', () => {
    assertThrowsCode(
      () => coldTokenCount(matrixFromRows([frameRow(5)]), reference, undefined, -1),
      ErrorCode.INVALID_ARGUMENT,
      /maxReferenceCount must be a count ≥ 0; received -1/,
    );
  });
});

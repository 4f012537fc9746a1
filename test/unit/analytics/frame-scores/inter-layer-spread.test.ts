import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../../src/errors.js';
import { interLayerSpread } from '../../../../src/analytics/frame-scores/inter-layer-spread.js';
import { assertThrowsCode } from '../../../support/errors.js';
import { frameRow, matrixFromRows } from '../../../support/matrices.js';

describe('interLayerSpread', () => {
  it('gives the population standard deviation across all 16 layers by default', () => {
    // eight layers at 0 and eight at 100: mean 50, every deviation ±50, std 50
    const half = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0, 8: 0 };
    const matrix = matrixFromRows([frameRow(100, half)]);
    assert.deepEqual([...interLayerSpread(matrix)], [50]);
  });

  it('divides by the number of layers, not one less (ddof 0)', () => {
    // layers 1..16 = 0 except layer 16 = 16: mean 1, squares 15 × 1 + 225 = 240, / 16 = 15
    const matrix = matrixFromRows([frameRow(0, { 16: 16 })]);
    assert.deepEqual([...interLayerSpread(matrix)], [Math.sqrt(15)]);
  });

  it('uses only the chosen layers', () => {
    // layers 1 and 16 = 3 and 7: mean 5, std 2
    const matrix = matrixFromRows([frameRow(2000, { 1: 3, 16: 7 })]);
    assert.deepEqual([...interLayerSpread(matrix, [1, 16])], [2]);
  });

  it('scores a frame whose layers all agree as zero', () => {
    assert.deepEqual([...interLayerSpread(matrixFromRows([frameRow(812), frameRow(3)]))], [0, 0]);
  });

  it('rejects a layer outside 1..16 with INVALID_ARGUMENT', () => {
    assertThrowsCode(
      () => interLayerSpread(matrixFromRows([frameRow(1)]), [0]),
      ErrorCode.INVALID_ARGUMENT,
      /layers must hold integer layer numbers 1\.\.16; received 0/,
    );
  });
});

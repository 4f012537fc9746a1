import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../../src/errors.js';
import { keyLayerVariance } from '../../../../src/analytics/frame-scores/key-layer-variance.js';
import { assertThrowsCode } from '../../../support/errors.js';
import { frameRow, matrixFromRows } from '../../../support/matrices.js';

describe('keyLayerVariance', () => {
  it('gives the population variance across layers 10–14 by default', () => {
    // layers 10..14 = 0, 0, 0, 0, 10: mean 2, squared deviations 4 + 4 + 4 + 4 + 64 = 80, / 5 = 16
    const matrix = matrixFromRows([frameRow(999, { 10: 0, 11: 0, 12: 0, 13: 0, 14: 10 })]);
    assert.deepEqual([...keyLayerVariance(matrix)], [16]);
  });

  it('ignores the layers outside the selection', () => {
    // layers 10..14 = 1..5: mean 3, (4 + 1 + 0 + 1 + 4) / 5 = 2, whatever layers 1–9, 15, 16 hold
    const keys = { 10: 1, 11: 2, 12: 3, 13: 4, 14: 5 };
    const matrix = matrixFromRows([frameRow(0, keys), frameRow(2047, keys)]);
    assert.deepEqual([...keyLayerVariance(matrix)], [2, 2]);
  });

  it('scores a frame whose key layers agree as zero', () => {
    const matrix = matrixFromRows([frameRow(1234, { 1: 0, 16: 2047 })]);
    assert.deepEqual([...keyLayerVariance(matrix)], [0]);
  });

  it('uses the chosen layers in any order', () => {
    // layers 1 and 2 = 0 and 2046: mean 1023, variance 1023²
    const matrix = matrixFromRows([frameRow(5, { 1: 0, 2: 2046 })]);
    assert.deepEqual([...keyLayerVariance(matrix, [2, 1])], [1023 * 1023]);
  });

  it('gives one score per frame, in frame order', () => {
    const matrix = matrixFromRows([frameRow(7), frameRow(0, { 14: 10 }), frameRow(7)]);
    assert.deepEqual([...keyLayerVariance(matrix)], [0, 16, 0]);
  });

  it('returns no scores for a matrix without frames', () => {
    assert.equal(keyLayerVariance(matrixFromRows([])).length, 0);
  });
});

describe('keyLayerVariance misuse', () => {
  const matrix = matrixFromRows([frameRow(1)]);
  const cases: [string, number[], RegExp][] = [
    ['an empty layer list', [], /layers must list at least one layer number 1\.\.16; received an empty list/],
    ['layer 0', [0, 1], /integer layer numbers 1\.\.16; received 0/],
    ['layer 17', [16, 17], /received 17/],
    ['a fractional layer', [2.5], /received 2\.5/],
    ['a repeated layer', [3, 4, 3], /must not repeat a layer; layer 3 appears twice/],
  ];
  for (const [what, layers, message] of cases) {
    it(`rejects ${what} with INVALID_ARGUMENT`, () => {
      assertThrowsCode(() => keyLayerVariance(matrix, layers), ErrorCode.INVALID_ARGUMENT, message);
    });
  }
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { layerStatistics, layerStatisticsOfMatrix } from '../../../src/analytics/layer-statistics.js';
import { assertThrowsCode } from '../../support/errors.js';
import { frameRow, matrixFromRows } from '../../support/matrices.js';

function histogram(counts: Record<number, number>): Float64Array {
  const h = new Float64Array(2048);
  for (const [token, count] of Object.entries(counts)) h[Number(token)] = count;
  return h;
}

describe('layerStatistics', () => {
  it('summarises a hand histogram', () => {
    // tokens 0, 0, 2, 4: mean 1.5; squared deviations 2.25 + 2.25 + 0.25 + 6.25 = 11, / 4 = 2.75;
    // p = 1/2, 1/4, 1/4 → entropy 1/2·1 + 1/4·2 + 1/4·2 = 1.5 bits
    const stats = layerStatistics(histogram({ 0: 2, 2: 1, 4: 1 }));
    assert.equal(stats.tokenCount, 4);
    assert.equal(stats.mean, 1.5);
    assert.equal(stats.variance, 2.75);
    assert.equal(stats.std, Math.sqrt(2.75));
    assert.equal(stats.entropyBits, 1.5);
    assert.equal(stats.distinctTokens, 3);
    assert.equal(stats.utilisation, 3 / 2048);
  });

  it('gives 11 bits and full utilisation when every token occurs equally often', () => {
    const stats = layerStatistics(new Uint32Array(2048).fill(3));
    assert.ok(Math.abs(stats.entropyBits - 11) < 1e-9, `entropy ${stats.entropyBits}`);
    assert.equal(stats.utilisation, 1);
    assert.equal(stats.mean, 1023.5);
    // population variance of 0..2047 is (2048² − 1) / 12
    assert.ok(Math.abs(stats.variance - (2048 * 2048 - 1) / 12) < 1e-6);
  });

  it('gives zero entropy and zero variance when one token fills the layer', () => {
    const stats = layerStatistics(histogram({ 1900: 50 }));
    assert.deepEqual([stats.entropyBits, stats.variance, stats.std, stats.mean, stats.distinctTokens], [0, 0, 0, 1900, 1]);
  });
});

describe('layerStatisticsOfMatrix', () => {
  it('summarises the tokens of one layer of a matrix', () => {
    const matrix = matrixFromRows([frameRow(9, { 3: 0 }), frameRow(9, { 3: 4 }), frameRow(9, { 3: 0 }), frameRow(9, { 3: 2 })]);
    const stats = layerStatisticsOfMatrix(matrix, 3);
    assert.deepEqual([stats.tokenCount, stats.mean, stats.variance, stats.entropyBits], [4, 1.5, 2.75, 1.5]);
    assert.equal(layerStatisticsOfMatrix(matrix, 4).mean, 9);
  });
});

describe('layerStatistics misuse', () => {
  const cases: [string, () => unknown, RegExp][] = [
    ['a histogram of the wrong length', () => layerStatistics(new Float64Array(10)), /2048 counts; received 10/],
    ['a negative count', () => layerStatistics(histogram({ 7: -1, 8: 3 })), /token 7 has -1/],
    ['an empty histogram', () => layerStatistics(new Float64Array(2048)), /holds no tokens/],
    ['layer 17 of a matrix', () => layerStatisticsOfMatrix(matrixFromRows([frameRow(1)]), 17), /layer must hold integer layer numbers 1\.\.16; received 17/],
  ];
  for (const [what, call, message] of cases) {
    it(`rejects ${what} with INVALID_ARGUMENT`, () => assertThrowsCode(call, ErrorCode.INVALID_ARGUMENT, message));
  }
});

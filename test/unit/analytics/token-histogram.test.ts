import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { checkReferenceCounts } from '../../../src/analytics/reference-counts.js';
import { layerHistogram, referenceCountsOf } from '../../../src/analytics/token-histogram.js';
import { assertThrowsCode } from '../../support/errors.js';
import { frameRow, matrixFromRows } from '../../support/matrices.js';

describe('layerHistogram', () => {
  it('counts how often each token occurs in one layer', () => {
    const matrix = matrixFromRows([frameRow(1, { 2: 2047 }), frameRow(1, { 2: 2047 }), frameRow(1, { 2: 0 })]);
    const h = layerHistogram(matrix, 2);
    assert.equal(h.length, 2048);
    assert.deepEqual([h[0], h[1], h[2047]], [1, 0, 2]);
    assert.equal(layerHistogram(matrix, 1)[1], 3);
  });
});

describe('referenceCountsOf', () => {
  it('adds the per-layer histograms and token totals of several matrices', () => {
    const a = matrixFromRows([frameRow(5), frameRow(6, { 1: 7 })]);
    const b = matrixFromRows([frameRow(5)]);
    const counts = referenceCountsOf([a, b]);
    assert.equal(counts.totalTokens, 48);
    assert.deepEqual([counts.perLayer[0]![5], counts.perLayer[0]![6], counts.perLayer[0]![7]], [2, 0, 1]);
    assert.deepEqual([counts.perLayer[15]![5], counts.perLayer[15]![6]], [2, 1]);
  });
});

describe('checkReferenceCounts misuse', () => {
  const good = () => referenceCountsOf([matrixFromRows([frameRow(5)])]);
  const cases: [string, () => unknown, RegExp][] = [
    ['fewer than 16 layers', () => checkReferenceCounts({ ...good(), perLayer: good().perLayer.slice(1) }, 'corpus x'), /corpus x must hold 16 layers; received 15/],
    ['a short histogram', () => checkReferenceCounts({ ...good(), perLayer: good().perLayer.map((h, i) => (i === 3 ? new Uint32Array(5) : h)) }, 'corpus x'), /layer 4, must hold 2048 counts; received 5/],
    ['an empty reference', () => checkReferenceCounts({ ...good(), totalTokens: 0 }, 'corpus x'), /reference corpus x holds no tokens/],
  ];
  for (const [what, call, message] of cases) {
    it(`rejects ${what} with INVALID_ARGUMENT`, () => assertThrowsCode(call, ErrorCode.INVALID_ARGUMENT, message));
  }
});

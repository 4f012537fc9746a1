import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layerValues } from '../../../src/query/layer-values.js';
import { checkLayers } from '../../../src/query/check-layers.js';
import { checkLimit } from '../../../src/query/check-limit.js';
import { ErrorCode } from '../../../src/errors.js';
import { assertThrowsCode } from '../../support/errors.js';

describe('layerValues', () => {
  it('derives mean, population variance, std and utilisation from counts and sums', () => {
    // tokens 1, 2, 3, 6: sum 12, sum of squares 1 + 4 + 9 + 36 = 50; mean 3; variance 50/4 − 9 = 3.5
    const v = layerValues({ layer: 4, tokenCount: 4, tokenSum: 12, tokenSumSq: 50, distinctTokens: 4, entropyBits: 2 });
    assert.equal(v.number, 4);
    assert.equal(v.mean, 3);
    assert.equal(v.variance, 3.5);
    assert.equal(v.std, Math.sqrt(3.5));
    assert.equal(v.utilisation, 4 / 2048);
  });

  it('never reports a negative variance when every token is the same', () => {
    const t = 2047;
    const v = layerValues({ layer: 1, tokenCount: 3, tokenSum: 3 * t, tokenSumSq: 3 * t * t, distinctTokens: 1, entropyBits: -0 });
    assert.equal(v.variance, 0);
    assert.equal(v.entropyBits, 0);
  });

  it('reports zeros for an empty layer instead of NaN', () => {
    const v = layerValues({ layer: 2, tokenCount: 0, tokenSum: 0, tokenSumSq: 0, distinctTokens: 0, entropyBits: 0 });
    assert.deepEqual([v.mean, v.variance, v.std], [0, 0, 0]);
  });
});

describe('checkLayers', () => {
  it('returns all 16 layers when none are named, and sorts the ones named', () => {
    assert.deepEqual(checkLayers(undefined), Array.from({ length: 16 }, (_, i) => i + 1));
    assert.deepEqual(checkLayers([14, 10, 12]), [10, 12, 14]);
  });

  describe('misuse', () => {
    it('rejects layer 0, 17 and 2.5 naming the value', () => {
      assertThrowsCode(() => checkLayers([0]), ErrorCode.INVALID_ARGUMENT, /layers: layer 0 is outside 1\.\.16/);
      assertThrowsCode(() => checkLayers([3, 17]), ErrorCode.INVALID_ARGUMENT, /layer 17 is outside 1\.\.16/);
      assertThrowsCode(() => checkLayers([2.5]), ErrorCode.INVALID_ARGUMENT, /layer 2\.5 is outside/);
    });
    it('rejects an empty list and a repeated layer', () => {
      assertThrowsCode(() => checkLayers([]), ErrorCode.INVALID_ARGUMENT, /at least one layer/);
      assertThrowsCode(() => checkLayers([3, 3]), ErrorCode.INVALID_ARGUMENT, /lists a layer twice: 3, 3/);
    });
  });
});

describe('checkLimit', () => {
  it('accepts values up to the cap and refuses more with LIMIT_EXCEEDED naming both', () => {
    assert.equal(checkLimit('first', 500, 500), 500);
    assertThrowsCode(() => checkLimit('first', 100000, 500), ErrorCode.LIMIT_EXCEEDED, /first may be at most 500; received 100000/);
    assertThrowsCode(() => checkLimit('first', 0, 500), ErrorCode.INVALID_ARGUMENT, /first must be an integer ≥ 1; received 0/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { codebookVector } from '../../../src/codebooks/codebooks.js';
import { dequantize, project } from '../../../src/codebooks/dequantize.js';
import { makeCodebooks } from '../../../src/codebooks/codebooks-npy.js';
import { assertThrowsCode } from '../../support/errors.js';
import { frameRow, matrixFromRows } from '../../support/matrices.js';
import { randomCodebooks } from './codebooks-kit.js';

const codebooks = randomCodebooks(4);
const matrix = matrixFromRows([frameRow(0, { 1: 5, 16: 2047 }), frameRow(3, { 2: 9 })]);

/** The float64 sum of the chosen vectors of one frame over layers 1..k, written out by hand. */
function expected(frame: readonly number[], k: number): number[] {
  const sum = [0, 0, 0, 0];
  for (let l = 1; l <= k; l++) codebookVector(codebooks, l, frame[l - 1]!).forEach((v, d) => (sum[d]! += v));
  return sum.map((v) => Math.fround(v));
}

describe('dequantize', () => {
  it('sums the 16 chosen vectors of every frame', () => {
    const e = dequantize(matrix, codebooks);
    assert.equal(e.length, 2 * 4);
    assert.deepEqual([...e.subarray(0, 4)], expected(frameRow(0, { 1: 5, 16: 2047 }), 16));
    assert.deepEqual([...e.subarray(4, 8)], expected(frameRow(3, { 2: 9 }), 16));
  });

  it('gives the partial sum over layers 1..k', () => {
    const e = dequantize(matrix, codebooks, 2);
    assert.deepEqual([...e.subarray(4, 8)], expected(frameRow(3, { 2: 9 }), 2));
    assert.deepEqual([...dequantize(matrix, codebooks, 1).subarray(0, 4)], [...codebookVector(codebooks, 1, 5)]);
  });

  it('returns no values for a matrix with no frames', () => {
    assert.equal(dequantize(matrixFromRows([]), codebooks).length, 0);
  });

  it('rejects a layer count outside 1..16, naming the argument', () => {
    assertThrowsCode(() => dequantize(matrix, codebooks, 0), ErrorCode.INVALID_ARGUMENT, /^layers: expected an integer from 1 to 16; received 0$/);
    assertThrowsCode(() => dequantize(matrix, codebooks, 17), ErrorCode.INVALID_ARGUMENT, /received 17/);
    assertThrowsCode(() => dequantize(matrix, codebooks, 1.5), ErrorCode.INVALID_ARGUMENT, /received 1.5/);
  });
});

describe('project', () => {
  it('applies the output projection y = W x to every frame', () => {
    const weights = new Float32Array([1, 0, 0, 0, 0, 1, 1, 0]); // 2 × 4
    const withProjection = makeCodebooks(16, 2048, 4, codebooks.vectors, { outputDim: 2, weights });
    const e = dequantize(matrix, withProjection);
    const y = project(e, withProjection);
    assert.deepEqual([...y], [e[0]!, Math.fround(e[1]! + e[2]!), e[4]!, Math.fround(e[5]! + e[6]!)]);
  });

  it('leaves embeddings as they are when the model has no projection', () => {
    const e = dequantize(matrix, codebooks);
    assert.equal(project(e, codebooks), e);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codebookVector } from '../../../src/codebooks/codebooks.js';
import { layerContribution } from '../../../src/codebooks/layer-contribution.js';
import { frameRow, matrixFromRows } from '../../support/matrices.js';
import { randomCodebooks } from './codebooks-kit.js';

const codebooks = randomCodebooks(3);
const norm2 = (v: Float32Array) => v.reduce((s, x) => s + x * x, 0);

describe('layerContribution', () => {
  it('gives the squared norm of each layer\'s chosen vector per frame and its mean over frames', () => {
    const matrix = matrixFromRows([frameRow(0, { 4: 100 }), frameRow(1)]);
    const c = layerContribution(matrix, codebooks);
    assert.equal(c.perFrame.length, 32);
    assert.ok(Math.abs(c.perFrame[3]! - norm2(codebookVector(codebooks, 4, 100))) < 1e-12);
    assert.ok(Math.abs(c.perFrame[16 + 3]! - norm2(codebookVector(codebooks, 4, 1))) < 1e-12);
    const mean4 = (norm2(codebookVector(codebooks, 4, 100)) + norm2(codebookVector(codebooks, 4, 1))) / 2;
    assert.ok(Math.abs(c.mean[3]! - mean4) < 1e-12);
  });

  it('averages to zero for a matrix with no frames', () => {
    assert.deepEqual([...layerContribution(matrixFromRows([]), codebooks).mean], new Array(16).fill(0));
  });
});

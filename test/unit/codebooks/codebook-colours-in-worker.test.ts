import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codebookColours } from '../../../src/codebooks/codebook-colours.js';
import { codebookColoursInWorker } from '../../../src/codebooks/codebook-colours-in-worker.js';
import { makeCodebooks } from '../../../src/codebooks/codebooks-npy.js';
import { mulberry32 } from '../../../src/jsutils/mulberry32.js';

describe('codebookColoursInWorker', () => {
  it('answers, from its own thread, the colours codebookColours computes in this one', async () => {
    const random = mulberry32(9);
    const codebooks = makeCodebooks(16, 2048, 6, Float32Array.from({ length: 16 * 2048 * 6 }, () => random() - 0.5));
    assert.deepEqual(await codebookColoursInWorker(codebooks), codebookColours(codebooks));
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planChunks } from '../../../src/tokenizer/chunk-plan.js';

describe('chunk plan', () => {
  it('covers every frame once in runs of at most chunkFrames', () => {
    assert.deepEqual(planChunks(10, 4, 0), [
      { start: 0, frames: 4, before: 0, after: 0 },
      { start: 4, frames: 4, before: 0, after: 0 },
      { start: 8, frames: 2, before: 0, after: 0 },
    ]);
  });
  it('adds up to overlapFrames of context on each side, clipped at the ends', () => {
    assert.deepEqual(planChunks(10, 4, 3), [
      { start: 0, frames: 4, before: 0, after: 3 },
      { start: 4, frames: 4, before: 3, after: 2 },
      { start: 8, frames: 2, before: 3, after: 0 },
    ]);
  });
  it('uses one run when chunkFrames covers the input', () => {
    assert.deepEqual(planChunks(3, 750, 2), [{ start: 0, frames: 3, before: 0, after: 0 }]);
  });
});

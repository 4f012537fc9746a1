import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FixedChunker } from '../../../src/audio/fixed-chunker.js';

describe('FixedChunker', () => {
  it('regroups arrays of any length into chunks of exactly the size, keeping the order', () => {
    const chunker = new FixedChunker(3);
    const out = [...chunker.push(Float32Array.of(1, 2)), ...chunker.push(Float32Array.of(3, 4, 5, 6, 7)), ...chunker.push(new Float32Array(0))];
    assert.deepEqual(out, [Float32Array.of(1, 2, 3), Float32Array.of(4, 5, 6)]);
    assert.deepEqual(chunker.flush(), Float32Array.of(7));
  });

  it('has nothing to flush when the input filled whole chunks', () => {
    const chunker = new FixedChunker(2);
    chunker.push(Float32Array.of(1, 2));
    assert.equal(chunker.flush(), undefined);
  });

  it('hands out chunks the caller owns (not views of a reused buffer)', () => {
    const chunker = new FixedChunker(1);
    const [a] = chunker.push(Float32Array.of(1));
    chunker.push(Float32Array.of(2));
    assert.deepEqual(a, Float32Array.of(1));
  });
});

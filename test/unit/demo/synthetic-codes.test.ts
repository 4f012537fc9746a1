import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isReservedToken, plantBursts, syntheticCodes } from '../../../src/demo/synthetic-codes.js';

describe('syntheticCodes', () => {
  it('gives the same matrix for the same seed and a different one for another seed', () => {
    assert.deepEqual(syntheticCodes(7, 100).tokens, syntheticCodes(7, 100).tokens);
    assert.notDeepEqual(syntheticCodes(7, 100).tokens, syntheticCodes(8, 100).tokens);
  });

  it('uses reserved tokens in layers 10–14 exactly inside the planted bursts', () => {
    const bursts = plantBursts(3, 375, 3);
    assert.equal(bursts.length, 3);
    const m = syntheticCodes(11, 375, bursts);
    for (let f = 0; f < m.frames; f++) {
      const inBurst = bursts.some((b) => f >= b.startFrame && f < b.endFrame);
      for (let layer = 1; layer <= 16; layer++) {
        const reserved = isReservedToken(layer, m.tokens[f * 16 + layer - 1]!);
        assert.equal(reserved, inBurst && layer >= 10 && layer <= 14, `frame ${f} layer ${layer}`);
      }
    }
  });

  it('plants bursts 3–8 frames long, at least 25 frames apart, away from the ends', () => {
    const bursts = plantBursts(5, 375, 4);
    bursts.forEach((b, i) => {
      assert.ok(b.endFrame - b.startFrame >= 3 && b.endFrame - b.startFrame <= 8);
      assert.ok(b.startFrame >= 13 && b.endFrame <= 362);
      if (i) assert.ok(b.startFrame >= bursts[i - 1]!.endFrame + 25);
    });
  });
});

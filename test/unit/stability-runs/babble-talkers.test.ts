import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BABBLE_SECONDS, babblePiece, babbleSources, babbleTalkerIds } from '../../../src/stability-runs/babble-talkers.js';
import { DEFAULT_BABBLE_TALKERS } from '../../../src/stability/build-babble.js';

describe('babble talkers', () => {
  const ids = Array.from({ length: 20 }, (_, i) => 100 + i);

  it('picks one talker more than a mix takes, the same ones for the same seed whatever the order given', () => {
    const picked = babbleTalkerIds(ids, 7);
    assert.equal(picked.length, DEFAULT_BABBLE_TALKERS + 1);
    assert.equal(new Set(picked).size, picked.length);
    assert.ok(picked.every((id) => ids.includes(id)));
    assert.deepEqual(babbleTalkerIds([...ids].reverse(), 7), picked);
    assert.notDeepEqual(babbleTalkerIds(ids, 8), picked);
  });

  it('takes every audio of a small corpus', () => {
    assert.deepEqual(babbleTalkerIds([3, 1, 2], 5).sort(), [1, 2, 3]);
  });

  it(`keeps at most ${BABBLE_SECONDS} s of a talker, a contiguous piece of it`, () => {
    const long = Float32Array.from({ length: 30 * 24000 }, (_, i) => i);
    const piece = babblePiece(long, 3);
    assert.equal(piece.length, BABBLE_SECONDS * 24000);
    assert.ok(piece.every((v, i) => v === piece[0]! + i));
    assert.deepEqual(babblePiece(long, 3), piece);
    const short = Float32Array.from([1, 2, 3]);
    assert.deepEqual(babblePiece(short, 3), short);
  });

  it("leaves an audio's own piece out of its babble sources", () => {
    const a = Float32Array.from([1]);
    const b = Float32Array.from([2]);
    assert.deepEqual(babbleSources(1, [{ audioId: 1, samples: a }, { audioId: 2, samples: b }]), [b]);
    assert.deepEqual(babbleSources(1, [{ audioId: 1, samples: a }]), []);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeCodebooks } from '../../../src/codebooks/codebooks-npy.js';
import { tokenNeighbours } from '../../../src/codebooks/token-neighbours.js';
import { ErrorCode } from '../../../src/errors.js';
import { assertThrowsCode } from '../../support/errors.js';

/** D = 2; layer 2 holds (3, 4) at 5 and 6, (6, 8) at 7, (−3, −4) at 8, (4, 3) at 9; every other vector is zero. */
function handCodebooks() {
  const vectors = new Float32Array(16 * 2048 * 2);
  const put = (layer: number, token: number, x: number, y: number) => vectors.set([x, y], ((layer - 1) * 2048 + token) * 2);
  put(2, 5, 3, 4);
  put(2, 6, 3, 4);
  put(2, 7, 6, 8);
  put(2, 8, -3, -4);
  put(2, 9, 4, 3);
  return makeCodebooks(16, 2048, 2, vectors);
}

describe('tokenNeighbours', () => {
  const codebooks = handCodebooks();

  it('lists the nearest entries first, leaves the token out but keeps an identical vector under another id', () => {
    const n = tokenNeighbours(codebooks, 2, 5, 3);
    assert.deepEqual(n.map((x) => x.token), [6, 9, 0]);
    assert.deepEqual(n.map((x) => x.distance), [0, Math.SQRT2, 5]);
    assert.equal(n[0]!.cosineSimilarity, 1);
    assert.ok(Math.abs(n[1]!.cosineSimilarity! - 24 / 25) < 1e-15);
    assert.equal(n[2]!.cosineSimilarity, null, 'a zero vector has no direction');
  });

  it('breaks ties by the lower token id and reaches the far entries last', () => {
    const n = tokenNeighbours(codebooks, 2, 7, 100);
    assert.deepEqual(n.slice(0, 3).map((x) => [x.token, x.distance]), [[5, 5], [6, 5], [9, Math.sqrt(29)]]);
    assert.equal(n.length, 100);
    const far = tokenNeighbours(codebooks, 2, 8, 3);
    assert.deepEqual(far.map((x) => x.token), [0, 1, 2]);
    assert.ok(!tokenNeighbours(codebooks, 2, 5, 100).some((x) => x.token === 8), 'the opposite vector lies beyond the 2,043 zero vectors');
  });

  describe('misuse', () => {
    it('names layer, token or k with its range and the value received', () => {
      assertThrowsCode(() => tokenNeighbours(codebooks, 0, 5, 3), ErrorCode.INVALID_ARGUMENT, /^layer: expected an integer from 1 to 16; received 0$/);
      assertThrowsCode(() => tokenNeighbours(codebooks, 2, 2048, 3), ErrorCode.INVALID_ARGUMENT, /^token: expected an integer from 0 to 2047; received 2048$/);
      assertThrowsCode(() => tokenNeighbours(codebooks, 2, 5, 101), ErrorCode.INVALID_ARGUMENT, /^k: expected an integer from 1 to 100; received 101$/);
      assertThrowsCode(() => tokenNeighbours(codebooks, 2, 5, 0), ErrorCode.INVALID_ARGUMENT, /^k: expected an integer from 1 to 100; received 0$/);
      assertThrowsCode(() => tokenNeighbours(codebooks, 2, 1.5, 3), ErrorCode.INVALID_ARGUMENT, /^token: expected an integer from 0 to 2047; received 1.5$/);
    });
  });
});

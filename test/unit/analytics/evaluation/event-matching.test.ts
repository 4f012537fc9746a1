import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { greedyMatching, maximumMatching } from '../../../../src/analytics/evaluation/event-matching.js';

// hits[r] lists the estimates reference r may be paired with.
const from = (hits: number[][]) => (r: number, e: number) => hits[r]!.includes(e);

describe('event matching', () => {
  it('lets greedy pairing lose a pair that a maximum matching keeps', () => {
    // Reference 0 hits estimates 0 and 1, reference 1 hits only estimate 0.
    const hit = from([[0, 1], [0]]);
    assert.deepEqual([...greedyMatching(2, 2, hit)], [0, -1]);
    assert.deepEqual([...maximumMatching(2, 2, hit)], [1, 0]);
  });

  it('pairs each estimate at most once', () => {
    const pairs = maximumMatching(3, 1, from([[0], [0], [0]]));
    assert.deepEqual([...pairs], [0, -1, -1]);
  });

  it('finds a matching that needs a longer augmenting path', () => {
    // 0–{0,1}, 1–{0,2}, 2–{0}: greedy pairs 0–0 and 1–2 and strands 2; 2–0, 0–1, 1–2 pairs all three.
    const hit = from([[0, 1], [0, 2], [0]]);
    assert.deepEqual([...greedyMatching(3, 3, hit)], [0, 2, -1]);
    const pairs = [...maximumMatching(3, 3, hit)];
    assert.equal(pairs.filter((e) => e >= 0).length, 3);
    assert.equal(new Set(pairs).size, 3);
  });

  it('matches nothing when either side is empty', () => {
    assert.deepEqual([...maximumMatching(0, 3, () => true)], []);
    assert.deepEqual([...maximumMatching(2, 0, () => true)], [-1, -1]);
  });
});

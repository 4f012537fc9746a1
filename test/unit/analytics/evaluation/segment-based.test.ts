import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { segmentBasedCounts, segmentCount } from '../../../../src/analytics/evaluation/segment-based.js';
import type { Counts } from '../../../../src/analytics/evaluation/counts.js';
import type { Event } from '../../../../src/analytics/evaluation/event.js';

const ev = (start: number, end: number, label = 'a'): Event => ({ file: 'f', start, end, label });
// [N, estimated, TP, S, D, I]
const tuple = (c: Counts) => [c.reference, c.estimated, c.truePositives, c.substitutions, c.deletions, c.insertions];

describe('segmentBasedCounts', () => {
  it('scores a 3-second file in three 1-second segments', () => {
    // Reference: a [0.5, 1.5) → segments 0, 1; b [2.2, 2.8) → segment 2.
    // Estimate:  a [1.2, 2.1) → segments 1, 2; b [0.1, 0.3) → segment 0.
    // Segment 0: ref {a}, est {b} → FN 1, FP 1 → S 1. Segment 1: a both → TP 1.
    // Segment 2: ref {b}, est {a} → S 1. Overall N 3, estimated 3, TP 1, S 2, D 0, I 0.
    const counts = segmentBasedCounts(
      [ev(0.5, 1.5), ev(2.2, 2.8, 'b')],
      [ev(1.2, 2.1), ev(0.1, 0.3, 'b')],
      3,
      ['a', 'b'],
      1,
    );
    assert.deepEqual(tuple(counts.overall), [3, 3, 1, 2, 0, 0]);
    // a: ref {0, 1}, est {1, 2} → TP 1, FN 1, FP 1. b: ref {2}, est {0} → FN 1, FP 1.
    assert.deepEqual(tuple(counts.classWise[0]!), [2, 2, 1, 0, 1, 1]);
    assert.deepEqual(tuple(counts.classWise[1]!), [1, 1, 0, 0, 1, 1]);
  });

  it('splits a segment with more misses than false alarms into substitutions and deletions', () => {
    // Segment 0: ref {a, b} (a ends exactly at 1.0 s, so not in segment 1), est {c} → FN 2, FP 1 → S 1, D 1.
    // Segment 1: est {a} only → FP 1 → I 1.
    const counts = segmentBasedCounts(
      [ev(0, 1), ev(0, 1, 'b')],
      [ev(0.2, 0.5, 'c'), ev(1.5, 1.6)],
      2,
      ['a', 'b', 'c'],
      1,
    );
    assert.deepEqual(tuple(counts.overall), [2, 2, 0, 1, 1, 1]);
  });

  it('cuts events at the end of the file and counts a last partial segment', () => {
    // 2.5 s → 3 segments; [1.5, 4) is active in segments 1 and 2 only.
    const counts = segmentBasedCounts([ev(1.5, 4)], [ev(2.2, 2.4)], 2.5, ['a'], 1);
    assert.deepEqual(tuple(counts.overall), [2, 1, 1, 0, 1, 0]);
  });

  it('activates no segment for a zero-length event on a segment boundary', () => {
    const counts = segmentBasedCounts([ev(1, 1)], [], 3, ['a'], 1);
    assert.deepEqual(tuple(counts.overall), [0, 0, 0, 0, 0, 0]);
  });
});

describe('segmentCount', () => {
  it('rounds the file length up to whole segments, ignoring floating-point dust', () => {
    assert.equal(segmentCount(3, 1), 3);
    assert.equal(segmentCount(2.5, 1), 3);
    assert.equal(segmentCount(0, 1), 0);
    assert.equal(segmentCount((0.1 + 0.2) * 10, 1), 3); // 3.0000000000000004
  });
});

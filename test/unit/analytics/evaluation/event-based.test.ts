import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventBasedCounts } from '../../../../src/analytics/evaluation/event-based.js';
import type { EventRule } from '../../../../src/analytics/evaluation/event-based.js';
import type { Counts } from '../../../../src/analytics/evaluation/counts.js';
import type { Event } from '../../../../src/analytics/evaluation/event.js';

const ev = (start: number, end: number, label = 'a'): Event => ({ file: 'f', start, end, label });
const rule = (overrides: Partial<EventRule> = {}): EventRule => ({
  collarSeconds: 0.2,
  offsetLengthFraction: 0.5,
  criterion: 'onset-offset',
  matching: 'optimal',
  ...overrides,
});
// [N, estimated, TP, S, D, I]
const tuple = (c: Counts) => [c.reference, c.estimated, c.truePositives, c.substitutions, c.deletions, c.insertions];

describe('eventBasedCounts', () => {
  it('counts one estimate spanning two references (a split) as one insertion and two deletions', () => {
    // [1, 4) vs [1, 2): onset 0 s, offset 2 s > max(0.2, 0.5); vs [3, 4): onset 2 s off.
    const counts = eventBasedCounts([ev(1, 2), ev(3, 4)], [ev(1, 4)], ['a'], rule());
    assert.deepEqual(tuple(counts.overall), [2, 1, 0, 0, 2, 1]);
    assert.deepEqual(tuple(counts.classWise[0]!), [2, 1, 0, 0, 2, 1]);
  });

  it('credits the split estimate to its first reference when only onsets are evaluated', () => {
    const counts = eventBasedCounts([ev(1, 2), ev(3, 4)], [ev(1, 4)], ['a'], rule({ criterion: 'onset' }));
    assert.deepEqual(tuple(counts.overall), [2, 1, 1, 0, 1, 0]);
  });

  it('counts two estimates over one reference (a merge) as two insertions and one deletion', () => {
    // Reference [1, 3): offset collar max(0.2, 1.0) = 1 s. [1, 1.9): offset 1.1 s off; [2.1, 3): onset 1.1 s off.
    const counts = eventBasedCounts([ev(1, 3)], [ev(1, 1.9), ev(2.1, 3)], ['a'], rule());
    assert.deepEqual(tuple(counts.overall), [1, 2, 0, 0, 1, 2]);
    const onsetOnly = eventBasedCounts([ev(1, 3)], [ev(1, 1.9), ev(2.1, 3)], ['a'], rule({ criterion: 'onset' }));
    assert.deepEqual(tuple(onsetOnly.overall), [1, 2, 1, 0, 0, 1]);
  });

  it('finds two true positives where greedy matching in onset order finds one', () => {
    // R1 [1.00, 1.30) hits E1 [1.05, 1.40) and E2 [1.10, 1.20); R2 [1.15, 1.45) hits only E1
    // (E2's offset is 250 ms off, collar max(0.2, 0.15) = 0.2 s). Greedy gives E1 to R1 first.
    const reference = [ev(1.0, 1.3), ev(1.15, 1.45)];
    const estimated = [ev(1.05, 1.4), ev(1.1, 1.2)];
    assert.deepEqual(tuple(eventBasedCounts(reference, estimated, ['a'], rule()).overall), [2, 2, 2, 0, 0, 0]);
    const greedy = eventBasedCounts(reference, estimated, ['a'], rule({ matching: 'greedy' }));
    assert.deepEqual(tuple(greedy.overall), [2, 2, 1, 0, 1, 1]);
  });

  it('counts a wrongly labelled estimate matching in time as a substitution overall only', () => {
    // a[1,2) is substituted by b[1,2); a[5,6)–a[5.1,6) is a hit; b[8,9) is deleted; b[12,13) inserted.
    const reference = [ev(1, 2), ev(5, 6), ev(8, 9, 'b')];
    const estimated = [ev(1, 2, 'b'), ev(5.1, 6), ev(12, 13, 'b')];
    const counts = eventBasedCounts(reference, estimated, ['a', 'b'], rule());
    assert.deepEqual(tuple(counts.overall), [3, 3, 1, 1, 1, 1]);
    assert.deepEqual(tuple(counts.classWise[0]!), [2, 1, 1, 0, 1, 0]);
    assert.deepEqual(tuple(counts.classWise[1]!), [1, 2, 0, 0, 1, 2]);
  });

  it('does not let an estimate that is a true positive also substitute another reference', () => {
    const counts = eventBasedCounts([ev(1, 2), ev(1, 2, 'b')], [ev(1, 2)], ['a', 'b'], rule());
    assert.deepEqual(tuple(counts.overall), [2, 1, 1, 0, 1, 0]);
  });

  it('counts every estimate as an insertion when the reference is empty', () => {
    const counts = eventBasedCounts([], [ev(1, 2), ev(3, 4)], ['a'], rule());
    assert.deepEqual(tuple(counts.overall), [0, 2, 0, 0, 0, 2]);
  });

  it('counts every reference as a deletion when there are no estimates', () => {
    const counts = eventBasedCounts([ev(1, 2), ev(3, 4)], [], ['a'], rule());
    assert.deepEqual(tuple(counts.overall), [2, 0, 0, 0, 2, 0]);
    assert.deepEqual(tuple(counts.classWise[0]!), [2, 0, 0, 0, 2, 0]);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { offsetWithinCollar, onsetWithinCollar, timesMatch } from '../../../../src/analytics/evaluation/collars.js';
import type { CollarRule } from '../../../../src/analytics/evaluation/collars.js';

const span = (start: number, end: number) => ({ start, end });
const rule = (criterion: CollarRule['criterion']): CollarRule => ({ collarSeconds: 0.2, offsetLengthFraction: 0.5, criterion });

describe('onset collar (200 ms)', () => {
  it('accepts an onset exactly 200 ms late although 2.2 − 2.0 rounds above 0.2 in binary', () => {
    assert.ok(Math.abs(2.2 - 2.0) > 0.2); // the reason for the 1 ns slack
    assert.equal(onsetWithinCollar(span(2, 3), span(2.2, 3), 0.2), true);
  });

  it('accepts an onset exactly 200 ms early', () => {
    assert.equal(onsetWithinCollar(span(2, 3), span(1.8, 3), 0.2), true);
  });

  it('rejects an onset 210 ms late or early', () => {
    assert.equal(onsetWithinCollar(span(2, 3), span(2.21, 3), 0.2), false);
    assert.equal(onsetWithinCollar(span(2, 3), span(1.79, 3), 0.2), false);
  });
});

describe('offset collar max(200 ms, 50 % of the reference length)', () => {
  it('allows 1 s either way for a 2 s reference, where half the length exceeds 200 ms', () => {
    assert.equal(offsetWithinCollar(span(0, 2), span(0, 3), 0.2, 0.5), true);
    assert.equal(offsetWithinCollar(span(0, 2), span(0, 1), 0.2, 0.5), true);
    assert.equal(offsetWithinCollar(span(0, 2), span(0, 3.05), 0.2, 0.5), false);
    assert.equal(offsetWithinCollar(span(0, 2), span(0, 0.95), 0.2, 0.5), false);
  });

  it('allows 200 ms for a 200 ms reference, where half the length is only 100 ms', () => {
    assert.equal(offsetWithinCollar(span(1, 1.2), span(1, 1.35), 0.2, 0.5), true); // 150 ms > 100 ms
    assert.equal(offsetWithinCollar(span(1, 1.2), span(1, 1.4), 0.2, 0.5), true); // exactly 200 ms
    assert.equal(offsetWithinCollar(span(1, 1.2), span(1, 1.45), 0.2, 0.5), false); // 250 ms
  });
});

describe('timesMatch', () => {
  it('needs both boundaries for onset-offset and one for onset or offset alone', () => {
    const reference = span(2, 3);
    const lateOffset = span(2.1, 5); // onset 100 ms off, offset 2 s off (collar 0.5 s)
    assert.equal(timesMatch(reference, lateOffset, rule('onset-offset')), false);
    assert.equal(timesMatch(reference, lateOffset, rule('onset')), true);
    const earlyOnset = span(0, 3.1); // onset 2 s off, offset 100 ms off
    assert.equal(timesMatch(reference, earlyOnset, rule('offset')), true);
    assert.equal(timesMatch(reference, earlyOnset, rule('onset')), false);
  });
});

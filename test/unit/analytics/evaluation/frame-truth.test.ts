import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../../src/errors.js';
import { frameToSeconds } from '../../../../src/domain/contract.js';
import { labelsToFrameTruth } from '../../../../src/analytics/evaluation/frame-truth.js';
import { assertThrowsCode } from '../../../support/errors.js';

const span = (start: number, end: number, label = 'a') => ({ start, end, label });
const bits = (truth: Uint8Array): string => [...truth].join('');

describe('labelsToFrameTruth', () => {
  it('marks the frames whose centre (0.04, 0.12, 0.20, … s) lies in the label', () => {
    // [0.1, 0.3) holds the centres 0.12, 0.20 and 0.28 s: frames 1, 2, 3.
    assert.equal(bits(labelsToFrameTruth([span(0.1, 0.3)], 5)), '01110');
  });

  it('counts a centre on the onset but not one on the offset', () => {
    // [0.04, 0.2): centre 0.04 (frame 0) is in, centre 0.20 (frame 2) is out.
    assert.equal(bits(labelsToFrameTruth([span(0.04, 0.2)], 4)), '1100');
  });

  it('maps an event written from frames 25..37 back to exactly those frames', () => {
    const truth = labelsToFrameTruth([span(frameToSeconds(25), frameToSeconds(38))], 40); // [2.00 s, 3.04 s)
    assert.equal(bits(truth), '0'.repeat(25) + '1'.repeat(13) + '00');
  });

  it('marks the frame holding the midpoint of a label shorter than a frame that holds no centre', () => {
    // [0.17, 0.19) lies between the centres 0.12 and 0.20; its midpoint 0.18 s is in frame 2.
    assert.equal(bits(labelsToFrameTruth([span(0.17, 0.19)], 4)), '0010');
    // [0.03, 0.05) holds the centre 0.04 of frame 0.
    assert.equal(bits(labelsToFrameTruth([span(0.03, 0.05)], 4)), '1000');
  });

  it('marks nothing for a zero-length label and drops frames past the end', () => {
    assert.equal(bits(labelsToFrameTruth([span(0.2, 0.2)], 4)), '0000');
    // [0.3, 10): first centre ≥ 0.3 is 0.36 s (frame 4), the last frame of 5.
    assert.equal(bits(labelsToFrameTruth([span(0.3, 10)], 5)), '00001');
  });

  it('keeps only the chosen label when one is given', () => {
    const events = [span(0, 0.16, 'a'), span(0.24, 0.4, 'b')];
    assert.equal(bits(labelsToFrameTruth(events, 5, { label: 'b' })), '00011');
    assert.equal(bits(labelsToFrameTruth(events, 5)), '11011');
  });

  describe('misuse', () => {
    it('rejects a negative frame count and a label that ends before it starts', () => {
      assertThrowsCode(() => labelsToFrameTruth([], -1), ErrorCode.INVALID_ARGUMENT, /frames must be an integer ≥ 0; received -1/);
      assertThrowsCode(() => labelsToFrameTruth([span(2, 1)], 10), ErrorCode.INVALID_ARGUMENT, /events\[0\] .*received start 2, end 1/);
    });
  });
});

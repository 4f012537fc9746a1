import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { segmentAnomalies } from '../../../src/analytics/segment-anomalies.js';
import { assertThrowsCode } from '../../support/errors.js';

const flags = (bits: string): Uint8Array => Uint8Array.from(bits, (c) => (c === '1' ? 1 : 0));
const spans = (bits: string, scores: number[]) =>
  segmentAnomalies(flags(bits), scores).map(({ startFrame, endFrame, peakFrame, score }) => [
    startFrame,
    endFrame,
    peakFrame,
    score,
  ]);

describe('segmentAnomalies', () => {
  it('turns each run of consecutive flagged frames into one event with an exclusive end', () => {
    assert.deepEqual(spans('0110011100', [0, 5, 6, 0, 0, 1, 9, 2, 0, 0]), [
      [1, 3, 2, 6],
      [5, 8, 6, 9],
    ]);
  });

  it('makes a single flagged frame an event of one frame', () => {
    assert.deepEqual(spans('00100', [0, 0, 4, 0, 0]), [[2, 3, 2, 4]]);
  });

  it('closes a run that reaches the last frame', () => {
    assert.deepEqual(spans('10011', [3, 0, 0, 1, 2]), [
      [0, 1, 0, 3],
      [3, 5, 4, 2],
    ]);
  });

  it('takes the earliest frame as the peak when scores tie', () => {
    assert.deepEqual(spans('1111', [1, 7, 7, 2]), [[0, 4, 1, 7]]);
  });

  it('finds no events when nothing is flagged or there are no frames', () => {
    assert.deepEqual(segmentAnomalies(flags('000'), [1, 2, 3]), []);
    assert.deepEqual(segmentAnomalies(flags(''), []), []);
  });

  it('gives times in seconds at 12.5 frames per second', () => {
    const flagged = new Uint8Array(40);
    flagged.fill(1, 25, 38); // frames 25..37 → [2.00 s, 3.04 s)
    const [event] = segmentAnomalies(flagged, new Float64Array(40));
    assert.ok(Math.abs(event!.startSeconds - 2) < 1e-12, `startSeconds ${event!.startSeconds}`);
    assert.ok(Math.abs(event!.endSeconds - 3.04) < 1e-12, `endSeconds ${event!.endSeconds}`);
  });

  it('rejects flags and scores of different lengths with INVALID_ARGUMENT', () => {
    assertThrowsCode(
      () => segmentAnomalies(flags('011'), [1, 2]),
      ErrorCode.INVALID_ARGUMENT,
      /same frames; received 3 flags and 2 scores/,
    );
  });
});

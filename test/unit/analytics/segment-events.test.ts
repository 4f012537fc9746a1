import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { segmentEvents } from '../../../src/analytics/segment-events.js';
import { DEFAULT_SEGMENTER, resolveSegmenter } from '../../../src/analytics/segmenter-options.js';
import { assertThrowsCode } from '../../support/errors.js';

// runs: [0, 1) peak 0 (5); [2, 4) peak 2 (7); [7, 8) peak 7 (9); 10 frames
const flagged = Uint8Array.from([1, 0, 1, 1, 0, 0, 0, 1, 0, 0]);
const scores = [5, 0, 7, 6, 0, 0, 0, 9, 0, 0];
const events = (options: Partial<typeof DEFAULT_SEGMENTER>) =>
  segmentEvents(flagged, scores, { ...DEFAULT_SEGMENTER, ...options }).map((e) => [e.startFrame, e.endFrame, e.peakFrame, e.score]);

describe('segmentEvents', () => {
  it('makes one event per run of flagged frames with the defaults', () => {
    assert.deepEqual(events({}), [[0, 1, 0, 5], [2, 4, 2, 7], [7, 8, 7, 9]]);
  });

  it('merges runs separated by at most mergeGapFrames unflagged frames, keeping the higher peak', () => {
    assert.deepEqual(events({ mergeGapFrames: 1 }), [[0, 4, 2, 7], [7, 8, 7, 9]]);
    assert.deepEqual(events({ mergeGapFrames: 3 }), [[0, 8, 7, 9]]);
  });

  it('drops events shorter than minEventFrames', () => {
    assert.deepEqual(events({ minEventFrames: 2 }), [[2, 4, 2, 7]]);
  });

  it('merges before applying the minimum length, so pieces of one event count together', () => {
    assert.deepEqual(events({ mergeGapFrames: 1, minEventFrames: 2 }), [[0, 4, 2, 7]]);
  });

  it('pads both sides, clipped to the audio, and merges events that then overlap', () => {
    // [0,1)→[0,2) and [2,4)→[1,5) overlap → [0,5); [7,8)→[6,9)
    assert.deepEqual(events({ padFrames: 1 }), [[0, 5, 2, 7], [6, 9, 7, 9]]);
    // [7,8) padded by 3 would end at 11: clipped to the 10 frames; all three touch or overlap
    assert.deepEqual(events({ padFrames: 3 }), [[0, 10, 7, 9]]);
  });

  it('pads after the minimum length, so padding does not rescue a short event', () => {
    assert.deepEqual(events({ minEventFrames: 2, padFrames: 2 }), [[0, 6, 2, 7]]);
  });

  it('gives times in seconds for the padded span', () => {
    const [event] = segmentEvents(flagged, scores, { mergeGapFrames: 0, minEventFrames: 2, padFrames: 1 });
    assert.deepEqual([event!.startSeconds, event!.endSeconds], [0.08, 0.4]);
  });

  it('keeps the earlier peak when merged events tie', () => {
    const result = segmentEvents(Uint8Array.from([1, 0, 1]), [4, 0, 4], { ...DEFAULT_SEGMENTER, mergeGapFrames: 1 });
    assert.deepEqual(result.map((e) => [e.startFrame, e.endFrame, e.peakFrame]), [[0, 3, 0]]);
  });
});

describe('resolveSegmenter', () => {
  it('gives the defaults for nothing and fills in missing fields', () => {
    assert.deepEqual(resolveSegmenter(undefined, 'd'), { mergeGapFrames: 0, minEventFrames: 1, padFrames: 0 });
    assert.deepEqual(resolveSegmenter({ padFrames: 2 }, 'd'), { mergeGapFrames: 0, minEventFrames: 1, padFrames: 2 });
  });

  it('rejects a minimum length below 1 with INVALID_ARGUMENT naming the field', () => {
    assertThrowsCode(() => resolveSegmenter({ minEventFrames: 0 }, 'd'), ErrorCode.INVALID_ARGUMENT, /parameter segmenter.minEventFrames of detector d expects an integer ≥ 1; received 0 \(number\)/);
  });

  it('rejects an unknown field, listing the known ones', () => {
    assertThrowsCode(() => resolveSegmenter({ gap: 1 }, 'd'), ErrorCode.INVALID_ARGUMENT, /segmenter of detector d has no parameter "gap"; known parameters: mergeGapFrames, minEventFrames, padFrames/);
  });

  it('rejects a negative padding and a non-object', () => {
    assertThrowsCode(() => resolveSegmenter({ padFrames: -1 }, 'd'), ErrorCode.INVALID_ARGUMENT, /segmenter.padFrames .* ≥ 0; received -1/);
    assertThrowsCode(() => resolveSegmenter('3', 'd'), ErrorCode.INVALID_ARGUMENT, /parameter segmenter of detector d expects an object .*; received "3" \(string\)/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { audioCursor, parseAudioCursor } from '../../../src/api/cursor.js';
import { ErrorCode } from '../../../src/errors.js';
import { assertThrowsCode } from '../../support/errors.js';

describe('audio cursors', () => {
  it('read back the id they were made from', () => {
    for (const id of [1, 42, 4_294_967_295]) assert.equal(parseAudioCursor(audioCursor(id)), id);
  });

  it('start from the beginning when absent', () => {
    assert.equal(parseAudioCursor(null), 0);
    assert.equal(parseAudioCursor(undefined), 0);
  });

  it('are opaque: not the bare id', () => {
    assert.notEqual(audioCursor(7), '7');
  });

  describe('rejects with INVALID_ARGUMENT', () => {
    for (const cursor of ['', '7', 'garbage!', Buffer.from('corpus:7').toString('base64url'), Buffer.from('audio:-1').toString('base64url'), Buffer.from('audio:7x').toString('base64url')]) {
      it(`the cursor ${JSON.stringify(cursor)}`, () => {
        assertThrowsCode(() => parseAudioCursor(cursor), ErrorCode.INVALID_ARGUMENT, /after: ".*" is not a cursor returned by this API/);
      });
    }
  });
});

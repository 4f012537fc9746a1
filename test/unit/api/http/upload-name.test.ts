import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkUploadName } from '../../../../src/api/http/upload-name.js';
import { ErrorCode } from '../../../../src/errors.js';
import { assertThrowsCode } from '../../../support/errors.js';

describe('checkUploadName', () => {
  it('keeps a plain name, its case and its spaces', () => {
    assert.equal(checkUploadName('Take 1 - room.WAV'), 'Take 1 - room.WAV');
    for (const ext of ['wav', 'flac', 'mp3', 'ogg', 'opus', 'Opus']) assert.equal(checkUploadName(`a.${ext}`), `a.${ext}`);
  });

  it('takes the label files an upload may carry: an Audacity track (.txt) and a label table (.csv)', () => {
    assert.equal(checkUploadName('take 1.TXT'), 'take 1.TXT');
    assert.equal(checkUploadName('events.csv'), 'events.csv');
  });

  it('keeps only the last part of a path, with / or \\ separators', () => {
    assert.equal(checkUploadName('../../x.wav'), 'x.wav');
    assert.equal(checkUploadName('C:\\Users\\me\\y.flac'), 'y.flac');
    assert.equal(checkUploadName('/etc/z.mp3'), 'z.mp3');
  });

  it('replaces characters outside A-Z a-z 0-9 . _ - space with _', () => {
    assert.equal(checkUploadName('a:b*c?"<>|\u00e9\u0000.ogg'), 'a_b_c_______.ogg');
  });

  describe('refuses', () => {
    it('an empty name or a path ending in a separator', () => {
      for (const raw of ['', '  ', 'dir/', '..\\']) assertThrowsCode(() => checkUploadName(raw), ErrorCode.INVALID_ARGUMENT, /name must be a file name/);
    });
    it('a hidden name', () => {
      assertThrowsCode(() => checkUploadName('x/.hidden.wav'), ErrorCode.INVALID_ARGUMENT, /name must not start with '\.'; received "\.hidden\.wav"/);
    });
    it('a name over 200 characters', () => {
      assert.equal(checkUploadName(`${'a'.repeat(196)}.wav`).length, 200);
      assertThrowsCode(() => checkUploadName(`${'a'.repeat(197)}.wav`), ErrorCode.INVALID_ARGUMENT, /at most 200 characters; received 201/);
    });
    it('an extension the ingest does not take, or none', () => {
      for (const raw of ['notes.md', 'a.wav.exe', 'README', 'wav', 'x.m4a']) {
        assertThrowsCode(() => checkUploadName(raw), ErrorCode.UNSUPPORTED_FORMAT, new RegExp(`name must end in \\.wav, \\.flac, \\.mp3, \\.ogg, \\.opus \\(audio\\) or \\.txt, \\.csv \\(labels\\); received "${raw.replace(/\./g, '\\.')}"`));
      }
    });
  });
});

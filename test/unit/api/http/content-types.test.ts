import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assetContentType, audioContentType } from '../../../../src/api/http/content-types.js';

describe('assetContentType', () => {
  it('names the dashboard file types, whatever the case of the extension', () => {
    const expected: [string, string][] = [
      ['a.js', 'text/javascript; charset=utf-8'],
      ['a.CSS', 'text/css; charset=utf-8'],
      ['a.svg', 'image/svg+xml'],
      ['a.png', 'image/png'],
      ['a.js.map', 'application/json; charset=utf-8'],
      ['a.woff2', 'font/woff2'],
    ];
    for (const [name, type] of expected) assert.equal(assetContentType(name), type, name);
  });
  it('falls back to octet-stream', () => assert.equal(assetContentType('a.exe'), 'application/octet-stream'));
});

describe('audioContentType', () => {
  it('goes by the container the ingest recorded', () => {
    const expected: [string, string][] = [
      ['wav/pcm16', 'audio/wav'],
      ['flac', 'audio/flac'],
      ['mp3', 'audio/mpeg'],
      ['ogg/vorbis', 'audio/ogg'],
      ['ogg/opus', 'audio/ogg'],
    ];
    for (const [format, type] of expected) assert.equal(audioContentType(format, '/x/file.bin'), type, format);
  });
  it('falls back to the extension, then to octet-stream', () => {
    assert.equal(audioContentType(null, '/x/a.OPUS'), 'audio/ogg');
    assert.equal(audioContentType('mystery', '/x/a.mp3'), 'audio/mpeg');
    assert.equal(audioContentType(null, '/x/a.bin'), 'application/octet-stream');
  });
});

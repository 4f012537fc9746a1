import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileEtag, ifNoneMatchHits } from '../../../../src/api/http/etag.js';

describe('fileEtag and ifNoneMatchHits', () => {
  const etag = fileEtag({ size: 4096, mtimeMs: 1700000000123.75 });

  it('is a weak tag of the size and whole milliseconds of the mtime, in hex', () => {
    assert.equal(etag, `W/"1000-${(1700000000123).toString(16)}"`);
    assert.notEqual(fileEtag({ size: 4097, mtimeMs: 1700000000123 }), etag);
  });

  it('matches the tag weakly, in a list, or *', () => {
    assert.equal(ifNoneMatchHits(etag, etag), true);
    assert.equal(ifNoneMatchHits(etag.slice(2), etag), true, 'strong form of the same tag');
    assert.equal(ifNoneMatchHits(`"a", ${etag} , "b"`, etag), true);
    assert.equal(ifNoneMatchHits('*', etag), true);
  });

  it('does not match an absent header or other tags', () => {
    assert.equal(ifNoneMatchHits(undefined, etag), false);
    assert.equal(ifNoneMatchHits('"1000-0"', etag), false);
  });
});

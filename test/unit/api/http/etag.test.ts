import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileEtag, ifNoneMatchHits, ifRangeHolds } from '../../../../src/api/http/etag.js';

describe('fileEtag, ifNoneMatchHits and ifRangeHolds', () => {
  const etag = fileEtag({ size: 4096, mtimeMs: 1700000000123.75 });

  it('is a tag of the size and whole milliseconds of the mtime, in hex', () => {
    assert.equal(etag, `"1000-${(1700000000123).toString(16)}"`);
    assert.notEqual(fileEtag({ size: 4097, mtimeMs: 1700000000123 }), etag);
  });

  it('matches the tag weakly, in a list, or *', () => {
    assert.equal(ifNoneMatchHits(etag, etag), true);
    assert.equal(ifNoneMatchHits(`W/${etag}`, etag), true, 'weak form of the same tag');
    assert.equal(ifNoneMatchHits(`"a", ${etag} , "b"`, etag), true);
    assert.equal(ifNoneMatchHits('*', etag), true);
  });

  it('does not match an absent header or other tags', () => {
    assert.equal(ifNoneMatchHits(undefined, etag), false);
    assert.equal(ifNoneMatchHits('"1000-0"', etag), false);
  });

  it('holds an If-Range that names the exact tag or date, or none at all', () => {
    const date = 'Tue, 14 Nov 2023 22:13:20 GMT';
    assert.equal(ifRangeHolds(undefined, etag, date), true);
    assert.equal(ifRangeHolds(etag, etag, date), true);
    assert.equal(ifRangeHolds(date, etag, date), true);
    assert.equal(ifRangeHolds(`W/${etag}`, etag, date), false, 'a weak tag never validates a range');
    assert.equal(ifRangeHolds('"other"', etag, date), false);
  });
});

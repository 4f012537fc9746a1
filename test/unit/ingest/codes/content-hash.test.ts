import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeMatrix } from '../../../../src/domain/code-matrix.js';
import { contentSha256 } from '../../../../src/ingest/codes/content-hash.js';
import { sampleMatrix } from './code-fixtures.js';

describe('contentSha256', () => {
  it('hashes the version prefix, frame count and little-endian uint16 tokens (golden value from Python)', () => {
    const tokens = Uint16Array.from({ length: 48 }, (_, i) => (i * 37) % 2048);
    // hashlib.sha256(b'tokenscope-codes-v1\n3\n' + struct.pack('<48H', *tokens)).hexdigest()
    assert.equal(contentSha256(codeMatrix(tokens)), '83b6d107c76fc1c9abea30adbf047968bf81114eb57b545b3e28c43081640cb4');
  });

  it('changes when one token changes', () => {
    const a = sampleMatrix(10);
    const b = codeMatrix(a.tokens.slice());
    b.tokens[77] = (b.tokens[77]! + 1) % 2048;
    assert.notEqual(contentSha256(a), contentSha256(b));
  });

  it('depends only on the tokens, not on the buffer they sit in', () => {
    const a = sampleMatrix(4);
    const backing = new Uint16Array(a.tokens.length + 16);
    backing.set(a.tokens, 16);
    assert.equal(contentSha256(codeMatrix(backing.subarray(16))), contentSha256(a));
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { codebooksNpyBytes } from '../../../src/codebooks/codebooks-npy.js';
import { parseNpyCodebooks } from '../../../src/codebooks/read-npy-codebooks.js';
import { npyHeader } from '../../../src/ingest/codes/npy-writer.js';
import { assertThrowsCode } from '../../support/errors.js';
import { randomCodebooks } from './codebooks-kit.js';

describe('parseNpyCodebooks', () => {
  it('reads back float32 [16, 2048, D] with the same vectors and identity', () => {
    const cb = randomCodebooks(3);
    const back = parseNpyCodebooks(codebooksNpyBytes(16, 2048, 3, cb.vectors), 'cb.npy');
    assert.deepEqual([back.layers, back.entries, back.dim], [16, 2048, 3]);
    assert.deepEqual(back.vectors, cb.vectors);
    assert.equal(back.sha256, cb.sha256);
  });

  describe('refuses, naming the file', () => {
    it('a dtype other than float32', () => {
      const bytes = Buffer.concat([npyHeader('<f8', false, [16, 2048, 1]), Buffer.alloc(16 * 2048 * 8)]);
      assertThrowsCode(() => parseNpyCodebooks(bytes, 'cb.npy'), ErrorCode.INVALID_MODEL, /^cb\.npy: expected dtype '<f4' \(float32\); received '<f8'$/);
    });

    it('layers other than 16 or entries other than 2048', () => {
      const bytes = codebooksNpyBytes(15, 2048, 1, new Float32Array(15 * 2048));
      assertThrowsCode(() => parseNpyCodebooks(bytes, 'cb.npy'), ErrorCode.INVALID_MODEL, /^cb\.npy: expected codebooks of shape \[16, 2048, D\] with D ≥ 1; received \[15, 2048, 1\]$/);
      const entries = codebooksNpyBytes(16, 1024, 1, new Float32Array(16 * 1024));
      assertThrowsCode(() => parseNpyCodebooks(entries, 'cb.npy'), ErrorCode.INVALID_MODEL, /received \[16, 1024, 1\]$/);
    });

    it('a truncated data section', () => {
      const bytes = codebooksNpyBytes(16, 2048, 1, new Float32Array(16 * 2048)).subarray(0, 1000);
      assertThrowsCode(() => parseNpyCodebooks(bytes, 'cb.npy'), ErrorCode.INVALID_MODEL, /expected 131072 data bytes/);
    });

    it('bytes that are not .npy at all, as INVALID_MODEL', () => {
      assertThrowsCode(() => parseNpyCodebooks(Buffer.from('hello world'), 'cb.npy'), ErrorCode.INVALID_MODEL, /^cb\.npy: is not a \.npy file/);
    });
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { servedRelativePath } from '../../../../src/api/http/served-path.js';

describe('servedRelativePath', () => {
  it('decodes plain and nested file names', () => {
    assert.equal(servedRelativePath('index-3f2a.js'), 'index-3f2a.js');
    assert.equal(servedRelativePath('fonts/inter%20var.woff2'), 'fonts/inter var.woff2');
  });

  it('refuses parent and current segments, plain or percent-encoded', () => {
    for (const p of ['..', '../x', 'a/../../x', '%2e%2e/x', '%2E%2E%2Fx', '.%2e/x', 'a/./b', '..%2f..%2fetc%2fpasswd']) assert.equal(servedRelativePath(p), null, p);
  });

  it('refuses absolute paths, backslashes, NUL, empty segments, hidden names and bad escapes', () => {
    for (const p of ['', '/etc/passwd', '%2fetc%2fpasswd', 'a//b', 'a/', '..\\x', '%5c..%5cx', 'a.js%00.png', '.env', 'a/.git/config', '%', '%zz', '%c0%ae%c0%ae/x']) {
      assert.equal(servedRelativePath(p), null, p);
    }
  });

  it('takes a double-encoded name literally, decoding once', () => {
    assert.equal(servedRelativePath('%252e%252e%252fx'), '%2e%2e%2fx');
  });
});

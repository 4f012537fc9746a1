import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseByteRange } from '../../../../src/api/http/byte-range.js';

describe('parseByteRange', () => {
  it('reads the three single-range forms against the size', () => {
    assert.deepEqual(parseByteRange('bytes=10-19', 100), { kind: 'partial', start: 10, end: 19 });
    assert.deepEqual(parseByteRange('bytes=90-', 100), { kind: 'partial', start: 90, end: 99 });
    assert.deepEqual(parseByteRange('bytes=-10', 100), { kind: 'partial', start: 90, end: 99 });
  });

  it('clips a last byte past the end and a suffix longer than the file', () => {
    assert.deepEqual(parseByteRange('bytes=95-1000', 100), { kind: 'partial', start: 95, end: 99 });
    assert.deepEqual(parseByteRange('bytes=-1000', 100), { kind: 'partial', start: 0, end: 99 });
  });

  it('accepts the unit in any case and spaces around the parts', () => {
    assert.deepEqual(parseByteRange('Bytes = 1 - 2', 100), { kind: 'partial', start: 1, end: 2 });
  });

  it('calls a range that selects no byte unsatisfiable', () => {
    for (const [header, size] of [['bytes=100-', 100], ['bytes=100-200', 100], ['bytes=-0', 100], ['bytes=0-', 0], ['bytes=-5', 0], [`bytes=${'9'.repeat(400)}-`, 100]] as const) {
      assert.deepEqual(parseByteRange(header, size), { kind: 'unsatisfiable' }, `${header} of ${size}`);
    }
  });

  it('ignores an absent, malformed or multiple range, so the whole file is sent', () => {
    for (const header of [undefined, '', 'bytes=', 'bytes=-', 'bytes=a-b', 'bytes=5-2', 'bytes=0-1,4-5', 'items=0-1', 'bytes 0-1', 'bytes=1.5-2', 'bytes=+1-2']) {
      assert.deepEqual(parseByteRange(header, 100), { kind: 'full' }, String(header));
    }
  });
});

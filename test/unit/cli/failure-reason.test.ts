import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failureReason } from '../../../src/cli/failure-reason.js';

describe('failureReason', () => {
  it('shows the first error with its code, without the file the table already names', () => {
    const errors = [
      { code: 'INVALID_CODES', message: '/d/a.jsonl line 3: token 2048 outside 0..2047' },
      { code: 'INVALID_CODES', message: '/d/a.jsonl line 9: ragged rows' },
    ];
    assert.equal(failureReason(errors, '/d/a.jsonl'), '[INVALID_CODES] line 3: token 2048 outside 0..2047');
    assert.equal(failureReason([{ code: 'INVALID_AUDIO', message: '/d/x.wav: holds no samples' }], '/d/x.wav'), '[INVALID_AUDIO] holds no samples');
  });

  it('cuts a long message to the table width and is empty for a file without errors', () => {
    const reason = failureReason([{ code: 'INVALID_AUDIO', message: 'x'.repeat(500) }], '/d/x.wav');
    assert.equal(reason.length, 80);
    assert.ok(reason.endsWith('…'));
    assert.equal(failureReason([], '/d/x.wav'), '');
  });
});

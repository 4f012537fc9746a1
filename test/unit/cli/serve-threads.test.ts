import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serverEncoderThreads } from '../../../src/cli/commands/serve.js';

describe('serverEncoderThreads', () => {
  it('leaves one core to requests, and never goes below one thread', () => {
    assert.deepEqual([1, 2, 4, 16].map((cores) => serverEncoderThreads(cores)), [1, 1, 3, 15]);
  });
});

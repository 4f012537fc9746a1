import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode, TokenscopeError } from '../../../../src/errors.js';
import { toLhotse } from '../../../../src/interchange/lhotse/to-lhotse.js';
import type { ExportedAudio } from '../../../../src/interchange/lhotse/to-lhotse.js';

const audio = (id: string, path: string): ExportedAudio => ({ id, source: { path, kind: 'AUDIO', sampleRate: 24_000, channels: 1, durationSeconds: 2 }, labels: [] });

describe('toLhotse', () => {
  it('writes each recording with the absolute path of its file as its source', () => {
    const { recordings } = toLhotse([audio('1', '/data/audio/one.wav')]);
    assert.deepEqual(recordings[0]!.sources, [{ type: 'file', channels: [0], source: '/data/audio/one.wav' }]);
  });

  describe('misuse', () => {
    it('refuses a path as the API shows it to a reader without trust, instead of writing it as a source', () => {
      for (const shown of ['<root 1>/one.wav', '<outside the data roots>/one.wav']) {
        assert.throws(
          () => toLhotse([audio('1', '/data/audio/zero.wav'), audio('7', shown)]),
          (err: unknown) =>
            err instanceof TokenscopeError &&
            err.code === ErrorCode.INTERNAL &&
            err.message === `audio 7: expected the absolute path of its file to write as a Lhotse source; received ${JSON.stringify(shown)}, a path as the API shows it to a reader without the CLI token or the API key`,
        );
      }
    });
  });
});

import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { AudioFile } from '../../../src/audio/audio-file.js';
import { readAllAudio24k } from '../../../src/audio/read-audio.js';
import { writeTemp } from './audio-test-kit.js';

describe('AudioFile', () => {
  it('reads by position and in blocks, returning fewer bytes at the end of the file', async () => {
    const file = await AudioFile.open(writeTemp('bytes.bin', new Uint8Array([1, 2, 3, 4, 5])));
    try {
      assert.deepEqual(await file.read(3, 10), new Uint8Array([4, 5]));
      const blocks: number[][] = [];
      for await (const block of file.blocks(1, 5, 2)) blocks.push([...block]);
      assert.deepEqual(blocks, [[2, 3], [4, 5]]);
    } finally {
      await file.close();
      await file.close(); // closing twice is harmless
    }
  });

  describe('misuse', () => {
    it('rejects a zero-byte file as INVALID_AUDIO', async () => {
      const path = writeTemp('empty.wav', new Uint8Array(0));
      await assert.rejects(readAllAudio24k(path), { code: ErrorCode.INVALID_AUDIO, message: `${path}: the file is empty (0 bytes), expected audio` });
    });

    it('rejects a missing file as UNREADABLE_FILE, keeping the system reason', async () => {
      const path = join(dirname(writeTemp('x', 'x')), 'missing.wav');
      await assert.rejects(readAllAudio24k(path), (error: Error & { code?: string }) => {
        assert.equal(error.code, ErrorCode.UNREADABLE_FILE);
        assert.match(error.message, new RegExp(`^${path}: cannot read the file \\(ENOENT`));
        return true;
      });
    });

    it('rejects a directory as UNREADABLE_FILE', async () => {
      const dir = dirname(writeTemp('y', 'y'));
      await assert.rejects(readAllAudio24k(dir), (error: Error & { code?: string }) => {
        assert.equal(error.code, ErrorCode.UNREADABLE_FILE);
        assert.match(error.message, new RegExp(`^${dir}: cannot read the file`));
        return true;
      });
    });
  });
});

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readAllAudio24k } from '../../../src/audio/read-audio.js';
import { writeWav } from '../../../src/audio/wav-writer.js';
import { ErrorCode } from '../../../src/errors.js';
import { assertRejectsCode } from '../../support/errors.js';

describe('writeWav', () => {
  it('writes float32 blocks as they come, readable back bit for bit by the audio reader', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'tokenscope-wav-')), 'f.wav');
    const blocks = [Float32Array.of(0.25, -0.5), Float32Array.of(1.5, 1e-7)];
    await writeWav(path, blocks, 4, 24000, 'float32');
    const bytes = await readFile(path);
    assert.deepEqual([bytes.readUInt16LE(20), bytes.readUInt16LE(34), bytes.toString('latin1', 38, 42), bytes.readUInt32LE(46), bytes.readUInt32LE(54)], [3, 32, 'fact', 4, 16]);
    assert.deepEqual(await readAllAudio24k(path), Float32Array.of(0.25, -0.5, 1.5, 1e-7));
  });

  it('writes 16-bit PCM clipped to full scale', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'tokenscope-wav-')), 'p.wav');
    await writeWav(path, [Float32Array.of(1.5, -2, 0.5, 0)], 4, 24000, 'pcm16');
    const bytes = await readFile(path);
    assert.equal(bytes.length, 44 + 8);
    assert.deepEqual([0, 1, 2, 3].map((i) => bytes.readInt16LE(44 + 2 * i)), [32767, -32767, 16384, 0]);
  });

  it('removes the file when the blocks do not add up to the announced length', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'tokenscope-wav-')), 'short.wav');
    await assertRejectsCode(writeWav(path, [new Float32Array(3)], 4, 24000, 'pcm16'), ErrorCode.INVALID_ARGUMENT, /3 samples written, the header announces 4/);
    assert.equal(existsSync(path), false);
  });
});

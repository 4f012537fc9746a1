import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { AudioFile } from '../../../src/audio/audio-file.js';
import { probeAudio } from '../../../src/audio/probe-audio.js';
import { readAllAudio24k } from '../../../src/audio/read-audio.js';
import { readWavHeader } from '../../../src/audio/wav-header.js';
import { makeWav, writeTemp } from './audio-test-kit.js';

const TONE = [0.5, -0.25, 0.125, 0];

describe('readWavHeader', () => {
  it('skips unknown chunks, honouring the pad byte after an odd-sized one', async () => {
    const wav = makeWav({ sampleRate: 24_000, encoding: 'pcm', bits: 16, channels: [TONE], extraChunks: [['LIST', new Uint8Array(5).fill(7)], ['junk', new Uint8Array(2)]] });
    const path = writeTemp('chunks.wav', wav);
    assert.deepEqual(await readAllAudio24k(path), Float32Array.from(TONE));
  });

  it('reads RF64 files, taking the data size from the ds64 chunk', async () => {
    const path = writeTemp('rf64.wav', makeWav({ sampleRate: 24_000, encoding: 'pcm', bits: 24, rf64: true, channels: [TONE] }));
    assert.equal((await probeAudio(path)).samplesPerChannel, 4);
    assert.deepEqual(await readAllAudio24k(path), Float32Array.from(TONE));
  });

  it('reads a streamed WAV whose data size is 0xFFFFFFFF (unknown) up to the end of the file', async () => {
    const wav = makeWav({ sampleRate: 24_000, encoding: 'pcm', bits: 16, channels: [TONE], declaredDataBytes: 0xffffffff });
    assert.deepEqual(await readAllAudio24k(writeTemp('streamed.wav', wav)), Float32Array.from(TONE));
  });

  it('finds the data after the fmt chunk and reports whole sample frames only', async () => {
    const wav = makeWav({ sampleRate: 8000, encoding: 'pcm', bits: 16, channels: [TONE, TONE], declaredDataBytes: 15 });
    const file = await AudioFile.open(writeTemp('partial-frame.wav', wav));
    try {
      const header = await readWavHeader(file, 0);
      assert.deepEqual([header.dataOffset, header.dataBytes], [44, 12]);
    } finally {
      await file.close();
    }
  });

  describe('misuse', () => {
    it('rejects a truncated WAV whose data chunk declares more bytes than the file holds', async () => {
      const wav = makeWav({ sampleRate: 44_100, encoding: 'pcm', bits: 16, channels: [new Float32Array(1000)] });
      const path = writeTemp('truncated.wav', wav.subarray(0, 1044));
      await assert.rejects(readAllAudio24k(path), {
        code: ErrorCode.INVALID_AUDIO,
        message: `${path}: truncated WAV: data chunk declares 2000 bytes but only 1000 follow`,
      });
    });

    it('rejects a WAV cut off before its data chunk', async () => {
      const path = writeTemp('no-data.wav', makeWav({ sampleRate: 8000, encoding: 'pcm', bits: 16, channels: [TONE] }).subarray(0, 40));
      await assert.rejects(probeAudio(path), { code: ErrorCode.INVALID_AUDIO, message: `${path}: truncated WAV: no data chunk before the end of the file (byte 36)` });
    });

    it('rejects a WAV with no samples (T = 0)', async () => {
      const path = writeTemp('empty-data.wav', makeWav({ sampleRate: 8000, encoding: 'pcm', bits: 16, channels: [[]] }));
      const expected = { code: ErrorCode.INVALID_AUDIO, message: `${path}: contains no audio samples (duration 0 s)` };
      await assert.rejects(probeAudio(path), expected);
      await assert.rejects(readAllAudio24k(path), expected);
    });

    it('rejects a data chunk that comes before any fmt chunk', async () => {
      const bytes = Buffer.concat([Buffer.from('RIFF\x14\x00\x00\x00WAVEdata\x04\x00\x00\x00\x00\x00\x00\x00', 'latin1')]);
      const path = writeTemp('data-first.wav', bytes);
      await assert.rejects(probeAudio(path), { code: ErrorCode.INVALID_AUDIO, message: `${path}: WAV data chunk comes before any fmt chunk` });
    });
  });
});

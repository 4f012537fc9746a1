import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { probeAudio } from '../../../src/audio/probe-audio.js';
import { readAllAudio24k, readAudio24k } from '../../../src/audio/read-audio.js';
import { sharedDir } from '../../support/paths.js';
import { dominantFrequency, makeWav, sine, writeTemp } from './audio-test-kit.js';

async function collect(path: string, chunkSamples: number): Promise<Float32Array[]> {
  const chunks: Float32Array[] = [];
  for await (const chunk of readAudio24k(path, { chunkSamples })) chunks.push(chunk);
  return chunks;
}

const concat = (chunks: Float32Array[]): Float32Array => Float32Array.from(chunks.flatMap((c) => [...c]));

describe('readAudio24k', () => {
  const length = 57_331; // 1.3 s at 44.1 kHz, not a whole number of anything
  const noise = Float32Array.from({ length }, (_, i) => Math.sin(i * 0.1) * 0.3 + Math.sin(i * 0.0137) * 0.2);
  const wav44k = writeTemp('noise-44k1.wav', makeWav({ sampleRate: 44_100, encoding: 'float', bits: 32, channels: [noise] }));

  it('yields chunks of exactly chunkSamples (the last shorter), round(T · 24000 / 44100) samples in all', async () => {
    const chunks = await collect(wav44k, 4000);
    const total = Math.round((length * 24_000) / 44_100);
    assert.deepEqual(chunks.map((c) => c.length), [...Array(7).fill(4000), total - 28_000]);
  });

  it('gives the same samples whatever chunkSamples is (1000, 4096, 48000)', async () => {
    const reference = await readAllAudio24k(wav44k);
    for (const size of [1000, 4096, 48_000]) assert.deepEqual(concat(await collect(wav44k, size)), reference, `chunkSamples ${size}`);
  });

  it('passes 24 kHz input through unchanged (identity, no filtering)', async () => {
    const path = writeTemp('noise-24k.wav', makeWav({ sampleRate: 24_000, encoding: 'float', bits: 32, channels: [noise] }));
    assert.deepEqual(concat(await collect(path, 1000)), noise);
  });

  it('turns stereo into exactly the average of its channels, before resampling', async () => {
    const left = sine(440, 44_100, 22_050, 0.5);
    const right = sine(1250, 44_100, 22_050, 0.25);
    const average = left.map((l, i) => (l + right[i]!) / 2);
    const stereo = writeTemp('stereo-44k1.wav', makeWav({ sampleRate: 44_100, encoding: 'float', bits: 32, channels: [left, right] }));
    const mono = writeTemp('average-44k1.wav', makeWav({ sampleRate: 44_100, encoding: 'float', bits: 32, channels: [average] }));
    assert.deepEqual(await readAllAudio24k(stereo), await readAllAudio24k(mono));
  });

  it('decodes, downmixes and resamples 8 channels at 192 kHz (valid audio, not rejected)', async () => {
    const channels = Array.from({ length: 8 }, (_, c) => sine(440, 192_000, 48_000, 0.1 + 0.05 * c));
    const path = writeTemp('8ch-192k.wav', makeWav({ sampleRate: 192_000, encoding: 'pcm', bits: 24, channels }));
    assert.deepEqual(await probeAudio(path), { format: 'wav', codec: 'pcm_s24le', sampleRate: 192_000, channels: 8, samplesPerChannel: 48_000, durationSeconds: 0.25 });
    const audio = await readAllAudio24k(path);
    assert.equal(audio.length, 6000);
    assert.equal(dominantFrequency(audio.subarray(600, 5400), 24_000), 440);
  });

  it('returns audio shorter than one frame (T < 1920) as it is, and probe reports its duration', async () => {
    const path = writeTemp('short.wav', makeWav({ sampleRate: 16_000, encoding: 'pcm', bits: 16, channels: [new Float32Array(100).fill(0.5)] }));
    assert.equal((await readAllAudio24k(path)).length, 150);
    assert.equal((await probeAudio(path)).durationSeconds, 100 / 16_000);
  });

  it('reads a corpus recording (24 kHz mono 16-bit) to its full length', async (t) => {
    const dir = join(sharedDir(), 'corpus', 'mixtures');
    const name = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith('.wav')) : undefined;
    if (name === undefined) return t.skip(`no corpus WAV under ${dir}; the shared corpus is not beside this checkout`);
    const path = join(dir, name);
    const info = await probeAudio(path);
    assert.deepEqual([info.format, info.sampleRate, info.channels], ['wav', 24_000, 1]);
    assert.equal((await readAllAudio24k(path)).length, info.samplesPerChannel);
  });

  describe('misuse', () => {
    for (const chunkSamples of [0, -5, 1.5]) {
      it(`rejects chunkSamples ${chunkSamples} as INVALID_ARGUMENT`, async () => {
        await assert.rejects(collect(wav44k, chunkSamples), {
          code: ErrorCode.INVALID_ARGUMENT,
          message: `chunkSamples must be a positive integer (samples at 24 kHz), got ${chunkSamples}`,
        });
      });
    }
  });
});

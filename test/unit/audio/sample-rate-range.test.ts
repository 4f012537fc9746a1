import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { probeAudio } from '../../../src/audio/probe-audio.js';
import { readAudio24k } from '../../../src/audio/read-audio.js';
import { MAX_SAMPLE_RATE, MIN_SAMPLE_RATE } from '../../../src/audio/sample-rate-range.js';
import { ErrorCode } from '../../../src/errors.js';
import { assertRejectsCode } from '../../support/errors.js';
import { fixture, makeWav, writeTemp } from './audio-test-kit.js';

/** A 16-bit mono WAV of `samples` silent samples that declares `sampleRate`. */
const wavAt = (sampleRate: number, samples: number, extra: { extensible?: boolean; rf64?: boolean } = {}): string =>
  writeTemp(`rate-${sampleRate}-${extra.extensible ? 'ext' : extra.rf64 ? 'rf64' : 'pcm'}.wav`, makeWav({ sampleRate, encoding: 'pcm', bits: 16, channels: [new Float32Array(samples)], ...extra }));

const range = `accepted: ${MIN_SAMPLE_RATE}–${MAX_SAMPLE_RATE} Hz`;

/** A copy of a fixture with bytes patched, written to a temp file. */
function patched(name: string, patch: (bytes: Buffer) => void): string {
  const bytes = Buffer.from(readFileSync(fixture(name)));
  patch(bytes);
  return writeTemp(`patched-${name}`, bytes);
}

describe('sample-rate range', () => {
  it('refuses a 7 KB WAV declaring 1 Hz (2 hours of audio) at probe time, naming the file, the rate and the range', async () => {
    const path = wavAt(1, 3_500);
    await assertRejectsCode(probeAudio(path), ErrorCode.INVALID_AUDIO, new RegExp(`^${path}: WAV declares a sample rate of 1 Hz; ${range}$`));
    await assertRejectsCode(readAudio24k(path).next(), ErrorCode.INVALID_AUDIO, /WAV declares a sample rate of 1 Hz/);
  });

  it('refuses 3,999 Hz and 768,001 Hz, in plain, extensible and RF64 WAVs', async () => {
    for (const rate of [3_999, 768_001]) {
      for (const extra of [{}, { extensible: true }, { rf64: true }]) {
        await assertRejectsCode(probeAudio(wavAt(rate, 100, extra)), ErrorCode.INVALID_AUDIO, new RegExp(`declares a sample rate of ${rate} Hz; ${range}`));
      }
    }
  });

  it('accepts 4,000 Hz and 768,000 Hz, the ends of the range', async () => {
    for (const rate of [MIN_SAMPLE_RATE, MAX_SAMPLE_RATE]) {
      assert.equal((await probeAudio(wavAt(rate, 100))).sampleRate, rate);
      let samples = 0;
      for await (const chunk of readAudio24k(wavAt(rate, rate / 10))) samples += chunk.length;
      assert.equal(samples, 2_400, `0.1 s at ${rate} Hz`);
    }
  });

  it('refuses a FLAC whose STREAMINFO declares 1 Hz or 768,001 Hz', async () => {
    for (const rate of [1, 768_001]) {
      // STREAMINFO's 20-bit rate starts at byte 18 (4 of fLaC, 4 of block header, 10 of block sizes).
      const path = patched('tone-440hz-44k1-stereo.flac', (b) => {
        b[18] = (rate >> 12) & 0xff;
        b[19] = (rate >> 4) & 0xff;
        b[20] = ((rate & 0x0f) << 4) | (b[20]! & 0x0f);
      });
      await assertRejectsCode(probeAudio(path), ErrorCode.INVALID_AUDIO, new RegExp(`FLAC STREAMINFO declares a sample rate of ${rate} Hz; ${range}`));
    }
  });

  it('refuses an Ogg Vorbis whose identification header declares 1 Hz', async () => {
    const path = patched('tone-440hz-44k1-stereo.ogg', (b) => {
      const id = b.indexOf('\x01vorbis', 0, 'latin1');
      b.writeUInt32LE(1, id + 12);
    });
    await assertRejectsCode(probeAudio(path), ErrorCode.INVALID_AUDIO, new RegExp(`Ogg vorbis declares a sample rate of 1 Hz; ${range}`));
  });

  it('takes Opus as 48 kHz whatever its header says of the input rate', async () => {
    const path = patched('tone-440hz-48k-mono.opus', (b) => {
      const id = b.indexOf('OpusHead', 0, 'latin1');
      b.writeUInt32LE(1, id + 12); // the original input rate: informative only
    });
    assert.equal((await probeAudio(path)).sampleRate, 48_000);
  });
});

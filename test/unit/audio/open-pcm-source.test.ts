import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { openPcmSource } from '../../../src/audio/open-pcm-source.js';
import { readAllAudio24k } from '../../../src/audio/read-audio.js';
import { dominantFrequency, fixture, writeTemp } from './audio-test-kit.js';

/** The committed fixtures: 1.0 s of 440 Hz; the tolerance is one codec frame at 24 kHz. */
const FIXTURES = [
  ['tone-440hz-44k1-stereo.flac', 'flac', 'flac', 2, 4608],
  ['tone-440hz-44k1-stereo.mp3', 'mp3', 'mp3', 2, 1152],
  ['tone-440hz-22k05-mono.mp3', 'mp3', 'mp3', 1, 576],
  ['tone-440hz-44k1-stereo.ogg', 'ogg', 'vorbis', 2, 2048],
  ['tone-440hz-48k-mono.opus', 'ogg', 'opus', 1, 960],
] as const;

describe('openPcmSource', () => {
  for (const [name, format, codec, channels, frameSamples] of FIXTURES) {
    it(`decodes ${codec} (${name}) to 1 s ± 1 codec frame of a 440 Hz tone`, async () => {
      const source = await openPcmSource(fixture(name));
      await source.close();
      assert.equal(source.info.format, format);
      assert.equal(source.info.codec, codec);
      assert.equal(source.info.channels, channels);
      const audio = await readAllAudio24k(fixture(name));
      const tolerance = Math.ceil((frameSamples * 24_000) / source.info.sampleRate);
      assert.ok(Math.abs(audio.length - 24_000) <= tolerance, `${audio.length} samples at 24 kHz`);
      assert.equal(dominantFrequency(audio.subarray(2400, 21_600), 24_000), 440);
      const rms = Math.sqrt(audio.subarray(2400, 21_600).reduce((s, v) => s + v * v, 0) / 19_200);
      assert.ok(Math.abs(rms - 0.5 / Math.SQRT2) < 0.03, `rms ${rms}`); // the fixtures are at −6 dBFS
    });
  }

  it('streams in bounded blocks: a decoder never returns the whole file at once', async () => {
    const source = await openPcmSource(fixture('tone-440hz-44k1-stereo.flac'));
    try {
      const sizes: number[] = [];
      for await (const block of source.blocks()) sizes.push(block[0]!.length);
      assert.equal(sizes.reduce((a, b) => a + b, 0), 44_100);
      assert.ok(sizes.length > 1, `${sizes.length} blocks`);
    } finally {
      await source.close();
    }
  });

  describe('misuse', () => {
    const truncated = (name: string, keep: number): string => {
      const bytes = readFileSync(fixture(name));
      return writeTemp(`cut-${name}`, bytes.subarray(0, Math.floor(bytes.length * keep)));
    };

    it('rejects a truncated FLAC, comparing the samples decoded with STREAMINFO', async () => {
      const path = truncated('tone-440hz-44k1-stereo.flac', 0.5);
      await assert.rejects(readAllAudio24k(path), (error: Error & { code?: string }) => {
        assert.equal(error.code, ErrorCode.INVALID_AUDIO);
        assert.match(error.message, new RegExp(`^${path}: truncated FLAC: decoded \\d+ of the 44100 samples STREAMINFO declares$`));
        return true;
      });
    });

    it('rejects a truncated MP3 whose last frame runs past the end of the file', async () => {
      const path = truncated('tone-440hz-44k1-stereo.mp3', 0.5);
      const size = statSync(path).size;
      await assert.rejects(readAllAudio24k(path), (error: Error & { code?: string }) => {
        assert.equal(error.code, ErrorCode.INVALID_AUDIO);
        assert.match(error.message, new RegExp(`^${path}: truncated MP3: the last frame needs \\d+ bytes but the file has ${size}$`));
        return true;
      });
    });

    for (const name of ['tone-440hz-44k1-stereo.ogg', 'tone-440hz-48k-mono.opus']) {
      const codec = name.endsWith('.ogg') ? 'vorbis' : 'opus';
      it(`rejects a truncated Ogg ${codec} (no complete last page)`, async () => {
        const path = truncated(name, 0.7);
        await assert.rejects(readAllAudio24k(path), {
          code: ErrorCode.INVALID_AUDIO,
          message: `${path}: truncated Ogg ${codec}: the stream does not end with a complete last page`,
        });
      });
    }

    it('rejects an Ogg file whose codec is neither Vorbis nor Opus', async () => {
      const page = Buffer.alloc(27 + 1 + 8);
      page.write('OggS', 0, 'latin1');
      page[5] = 0x02;
      page[26] = 1;
      page[27] = 8;
      page.write('Speex   ', 28, 'latin1');
      const path = writeTemp('speex.ogg', page);
      await assert.rejects(readAllAudio24k(path), { code: ErrorCode.UNSUPPORTED_FORMAT, message: `${path}: Speex in Ogg is not supported (supported: Vorbis, Opus)` });
    });
  });
});

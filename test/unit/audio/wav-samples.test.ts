import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { readAllAudio24k } from '../../../src/audio/read-audio.js';
import { decodeWavSamples } from '../../../src/audio/wav-samples.js';
import type { WavFormat } from '../../../src/audio/wav-format.js';
import { makeWav, writeTemp } from './audio-test-kit.js';

/** Values exactly representable at every integer depth down to 8 bits, including full scale. */
const EXACT = [0, 0.5, -0.5, -1, 0.25, -0.125, 127 / 128];
const LAYOUTS = [
  ['pcm', 8],
  ['pcm', 16],
  ['pcm', 24],
  ['pcm', 32],
  ['float', 32],
  ['float', 64],
] as const;

describe('decodeWavSamples', () => {
  for (const extensible of [false, true]) {
    for (const [encoding, bits] of LAYOUTS) {
      it(`decodes ${bits}-bit ${encoding}${extensible ? ' (WAVE_FORMAT_EXTENSIBLE)' : ''} to the exact samples`, async () => {
        const path = writeTemp(`exact-${encoding}${bits}${extensible ? '-ext' : ''}.wav`, makeWav({ sampleRate: 24_000, encoding, bits, extensible, channels: [EXACT] }));
        assert.deepEqual(await readAllAudio24k(path), Float32Array.from(EXACT));
      });
    }
  }

  it('keeps float samples as they are, over-range values included (rounded to float32)', async () => {
    const values = [0.1, -0.7, 1.5, -2];
    for (const bits of [32, 64]) {
      const path = writeTemp(`float-${bits}.wav`, makeWav({ sampleRate: 24_000, encoding: 'float', bits, channels: [values] }));
      assert.deepEqual(await readAllAudio24k(path), Float32Array.from(values));
    }
  });

  it('splits interleaved channels correctly (checked through their average)', async () => {
    const path = writeTemp('stereo-16.wav', makeWav({ sampleRate: 24_000, encoding: 'pcm', bits: 16, channels: [[0.5, -1, 0], [0.25, 0, -0.5]] }));
    assert.deepEqual(await readAllAudio24k(path), Float32Array.of(0.375, -0.5, -0.25));
  });

  it('reads bytes that are not aligned to the sample size (a view at an odd offset)', () => {
    const format: WavFormat = { encoding: 'pcm', bitsPerSample: 16, channels: 1, sampleRate: 24_000, blockAlign: 2, codec: 'pcm_s16le' };
    const bytes = new Uint8Array([0xff, 0x00, 0x40, 0x00, 0xc0]).subarray(1);
    assert.deepEqual(decodeWavSamples(bytes, format, 0, 'x.wav'), [Float32Array.of(0.5, -0.5)]);
  });

  describe('misuse', () => {
    for (const [bad, name] of [[Number.NaN, 'NaN'], [Number.POSITIVE_INFINITY, 'Infinity'], [Number.NEGATIVE_INFINITY, '-Infinity']] as const) {
      it(`rejects a float WAV holding ${name}, naming the sample index and channel`, async () => {
        const left = new Float32Array(5000);
        left[4321] = bad;
        const path = writeTemp(`bad-${name}.wav`, makeWav({ sampleRate: 44_100, encoding: 'float', bits: 32, channels: [new Float32Array(5000), left] }));
        await assert.rejects(readAllAudio24k(path), {
          code: ErrorCode.INVALID_AUDIO,
          message: `${path}: sample 4321 of channel 2 is ${name}; audio samples must be finite`,
        });
      });
    }

    it('reports the index counted from the start of the file, not of the read block', () => {
      const format: WavFormat = { encoding: 'float', bitsPerSample: 32, channels: 1, sampleRate: 8000, blockAlign: 4, codec: 'pcm_f32le' };
      const bytes = new Uint8Array(Float32Array.of(0, Number.NaN).buffer);
      assert.throws(() => decodeWavSamples(bytes, format, 1_000_000, 'y.wav'), { message: 'y.wav: sample 1000001 of channel 1 is NaN; audio samples must be finite' });
    });
  });
});

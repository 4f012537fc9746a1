import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { probeAudio } from '../../../src/audio/probe-audio.js';
import { parseWavFormat } from '../../../src/audio/wav-format.js';
import { makeWav, writeTemp } from './audio-test-kit.js';

/** The fmt chunk body of a WAV built by makeWav (it starts at byte 20). */
const fmtBody = (wav: Uint8Array, size: number): Uint8Array => wav.subarray(20, 20 + size);

describe('parseWavFormat', () => {
  it('reads a plain PCM fmt chunk', () => {
    const wav = makeWav({ sampleRate: 44_100, encoding: 'pcm', bits: 24, channels: [[0], [0]] });
    assert.deepEqual(parseWavFormat(fmtBody(wav, 16), 'a.wav'), {
      encoding: 'pcm', bitsPerSample: 24, channels: 2, sampleRate: 44_100, blockAlign: 6, codec: 'pcm_s24le',
    });
  });

  it('resolves WAVE_FORMAT_EXTENSIBLE to the IEEE float subformat from its GUID', () => {
    const wav = makeWav({ sampleRate: 48_000, encoding: 'float', bits: 64, extensible: true, channels: [[0]] });
    assert.equal(parseWavFormat(fmtBody(wav, 40), 'b.wav').codec, 'pcm_f64le');
  });

  describe('misuse', () => {
    const cases: ReadonlyArray<readonly [string, Parameters<typeof makeWav>[0], ErrorCode, string]> = [
      ['Microsoft ADPCM', { sampleRate: 8000, encoding: 'pcm', bits: 16, tag: 0x0002, channels: [[0]] }, ErrorCode.UNSUPPORTED_FORMAT,
        'WAV codec Microsoft ADPCM (format tag 0x0002) is not supported (supported: integer PCM, IEEE float)'],
      ['µ-law', { sampleRate: 8000, encoding: 'pcm', bits: 8, tag: 0x0007, channels: [[0]] }, ErrorCode.UNSUPPORTED_FORMAT,
        'WAV codec µ-law (format tag 0x0007) is not supported (supported: integer PCM, IEEE float)'],
      ['an unknown tag inside EXTENSIBLE', { sampleRate: 8000, encoding: 'pcm', bits: 16, tag: 0x1234, extensible: true, channels: [[0]] }, ErrorCode.UNSUPPORTED_FORMAT,
        'WAV codec format tag 0x1234 is not supported (supported: integer PCM, IEEE float)'],
      ['0 channels', { sampleRate: 8000, encoding: 'pcm', bits: 16, declaredChannels: 0, channels: [[0]] }, ErrorCode.INVALID_AUDIO,
        'WAV declares 0 channels, expected at least 1'],
      ['12-bit PCM', { sampleRate: 8000, encoding: 'pcm', bits: 12, declaredChannels: 1, channels: [] }, ErrorCode.UNSUPPORTED_FORMAT,
        'WAV pcm with 12 bits per sample is not supported (PCM: 8/16/24/32, float: 32/64)'],
      ['16-bit float', { sampleRate: 8000, encoding: 'float', bits: 16, declaredChannels: 1, channels: [] }, ErrorCode.UNSUPPORTED_FORMAT,
        'WAV float with 16 bits per sample is not supported (PCM: 8/16/24/32, float: 32/64)'],
    ];
    for (const [what, spec, code, problem] of cases) {
      it(`rejects a WAV with ${what}`, async () => {
        const path = writeTemp(`fmt-${what.replace(/\W+/g, '-')}.wav`, makeWav(spec));
        await assert.rejects(probeAudio(path), { code, message: `${path}: ${problem}` });
      });
    }

    it('rejects an EXTENSIBLE subformat GUID that is not the PCM/float family', () => {
      const wav = makeWav({ sampleRate: 8000, encoding: 'pcm', bits: 16, extensible: true, channels: [[0]] });
      const body = fmtBody(wav, 40).slice();
      body[39] = 0x00;
      assert.throws(() => parseWavFormat(body, 'c.wav'), {
        code: ErrorCode.UNSUPPORTED_FORMAT,
        message: 'c.wav: WAVE_FORMAT_EXTENSIBLE subformat GUID 0100000000001000800000aa00389b00 is not PCM or IEEE float',
      });
    });

    it('rejects a fmt chunk shorter than 16 bytes', () => {
      assert.throws(() => parseWavFormat(new Uint8Array(14), 'd.wav'), { code: ErrorCode.INVALID_AUDIO, message: 'd.wav: fmt chunk is 14 bytes, expected at least 16' });
    });
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { probeAudio } from '../../../src/audio/probe-audio.js';
import { fixture, makeWav, writeTemp } from './audio-test-kit.js';

const SUPPORTED = '(supported: WAV, FLAC, MP3, Ogg Vorbis, Ogg Opus)';

describe('detectContainer', () => {
  it('goes by the magic bytes, not the extension (FLAC named .wav, WAV named .mp3)', async () => {
    const flac = writeTemp('really-flac.wav', readFileSync(fixture('tone-440hz-44k1-stereo.flac')));
    assert.equal((await probeAudio(flac)).format, 'flac');
    const wav = writeTemp('really-wav.mp3', makeWav({ sampleRate: 8000, encoding: 'pcm', bits: 16, channels: [[0]] }));
    assert.equal((await probeAudio(wav)).format, 'wav');
  });

  it('looks past a leading ID3v2 tag', async () => {
    const tag = new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0]);
    const path = writeTemp('id3-then-flac.flac', Buffer.concat([tag, readFileSync(fixture('tone-440hz-44k1-stereo.flac'))]));
    assert.equal((await probeAudio(path)).format, 'flac');
  });

  describe('misuse', () => {
    it('rejects a text file named .wav as INVALID_AUDIO, quoting its start', async () => {
      const path = writeTemp('notes.wav', 'hello, this is not audio\n');
      await assert.rejects(probeAudio(path), { code: ErrorCode.INVALID_AUDIO, message: `${path}: contains text, not audio (starts with "hello, this is not audio")` });
    });

    it('rejects AIFF as UNSUPPORTED_FORMAT, naming it', async () => {
      const path = writeTemp('tone.aiff', Buffer.from('FORM\x00\x00\x00\x2eAIFFCOMM\x00\x00\x00\x12\x00\x01', 'latin1'));
      await assert.rejects(probeAudio(path), { code: ErrorCode.UNSUPPORTED_FORMAT, message: `${path}: AIFF is not supported ${SUPPORTED}` });
    });

    it('rejects AAC in ADTS as UNSUPPORTED_FORMAT', async () => {
      const path = writeTemp('tone.aac', new Uint8Array([0xff, 0xf1, 0x50, 0x80, 0x02, 0x1f, 0xfc, 0x21]));
      await assert.rejects(probeAudio(path), { code: ErrorCode.UNSUPPORTED_FORMAT, message: `${path}: AAC in ADTS is not supported ${SUPPORTED}` });
    });

    it('rejects a RIFF file that is not WAVE (AVI)', async () => {
      const path = writeTemp('clip.wav', Buffer.from('RIFF\x04\x00\x00\x00AVI LIST', 'latin1'));
      await assert.rejects(probeAudio(path), { code: ErrorCode.UNSUPPORTED_FORMAT, message: `${path}: RIFF container of type "AVI " is not WAVE audio` });
    });

    it('rejects unknown binary as UNSUPPORTED_FORMAT, showing the first bytes', async () => {
      const path = writeTemp('blob.wav', new Uint8Array([0, 1, 2, 3, 250, 251, 252, 253, 9, 9]));
      await assert.rejects(probeAudio(path), {
        code: ErrorCode.UNSUPPORTED_FORMAT,
        message: `${path}: unknown container (first bytes 00 01 02 03 fa fb fc fd); supported: WAV, FLAC, MP3, Ogg Vorbis, Ogg Opus`,
      });
    });
  });
});

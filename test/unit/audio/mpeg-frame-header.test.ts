import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMpegHeader } from '../../../src/audio/mpeg-frame-header.js';

describe('parseMpegHeader', () => {
  it('reads an MPEG-1 Layer III header: 128 kbit/s, 44.1 kHz, joint stereo → 417-byte frames of 1152 samples', () => {
    assert.deepEqual(parseMpegHeader(new Uint8Array([0xff, 0xfb, 0x90, 0x44]), 0), {
      sampleRate: 44_100, channels: 2, samplesPerFrame: 1152, frameBytes: 417, sideInfoEnd: 36,
    });
  });

  it('reads an MPEG-2 Layer III mono header with padding: 64 kbit/s, 24 kHz → 193 bytes, 576 samples', () => {
    assert.deepEqual(parseMpegHeader(new Uint8Array([0xff, 0xf3, 0x86, 0xc4]), 0), {
      sampleRate: 24_000, channels: 1, samplesPerFrame: 576, frameBytes: 193, sideInfoEnd: 13,
    });
  });

  it('refuses bytes that are not a header (no sync, reserved version, bad bitrate or rate index)', () => {
    for (const bytes of [[0xfe, 0xfb, 0x90, 0x44], [0xff, 0xeb, 0x90, 0x44], [0xff, 0xfb, 0xf0, 0x44], [0xff, 0xfb, 0x9c, 0x44], [0xff, 0xfb]]) {
      assert.equal(parseMpegHeader(new Uint8Array(bytes), 0), undefined, bytes.join(','));
    }
  });
});

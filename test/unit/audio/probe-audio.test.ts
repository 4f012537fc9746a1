import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { probeAudio } from '../../../src/audio/probe-audio.js';
import { fixture, makeWav, writeTemp } from './audio-test-kit.js';

describe('probeAudio', () => {
  it('reports a WAV from its header: encoding, rate, channels and exact length', async () => {
    const path = writeTemp('probe.wav', makeWav({ sampleRate: 44_100, encoding: 'float', bits: 64, extensible: true, channels: [new Float32Array(441), new Float32Array(441)] }));
    assert.deepEqual(await probeAudio(path), { format: 'wav', codec: 'pcm_f64le', sampleRate: 44_100, channels: 2, samplesPerChannel: 441, durationSeconds: 0.01 });
  });

  it('reads the exact length of compressed files from their headers (STREAMINFO, LAME tag, last Ogg granule)', async () => {
    const expected = [
      ['tone-440hz-44k1-stereo.flac', { format: 'flac', codec: 'flac', sampleRate: 44_100, channels: 2, samplesPerChannel: 44_100, durationSeconds: 1 }],
      ['tone-440hz-44k1-stereo.mp3', { format: 'mp3', codec: 'mp3', sampleRate: 44_100, channels: 2, samplesPerChannel: 44_100, durationSeconds: 1 }],
      ['tone-440hz-22k05-mono.mp3', { format: 'mp3', codec: 'mp3', sampleRate: 22_050, channels: 1, samplesPerChannel: 22_050, durationSeconds: 1 }],
      ['tone-440hz-44k1-stereo.ogg', { format: 'ogg', codec: 'vorbis', sampleRate: 44_100, channels: 2, samplesPerChannel: 44_100, durationSeconds: 1 }],
      ['tone-440hz-48k-mono.opus', { format: 'ogg', codec: 'opus', sampleRate: 48_000, channels: 1, samplesPerChannel: 48_000, durationSeconds: 1 }],
    ] as const;
    for (const [name, info] of expected) assert.deepEqual(await probeAudio(fixture(name)), info, name);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { READ_BLOCK_BYTES } from '../../../src/audio/audio-file.js';
import { DEFAULT_CHUNK_SAMPLES, readAudio24k } from '../../../src/audio/read-audio.js';
import { codeMatrix } from '../../../src/domain/code-matrix.js';
import { LAYER_COUNT, SAMPLES_PER_FRAME, framesForSamples } from '../../../src/domain/contract.js';
import { encodeStream } from '../../../src/ingest/encode-stream.js';
import { makeWav, writeTemp } from './audio-test-kit.js';

/** The largest buffer of each step while `path` goes through read → resample → encode in pieces of `chunkFrames`. */
async function largestBuffers(path: string, chunkFrames: number) {
  const largest = { decoded: 0, resampled: 0, chunk: 0, piece: 0 };
  const chunks = (async function* () {
    for await (const chunk of readAudio24k(path, { onBuffer: (step, n) => (largest[step] = Math.max(largest[step], n)) })) {
      largest.chunk = Math.max(largest.chunk, chunk.length);
      yield chunk;
    }
  })();
  const encoder = {
    encode: async (piece: Float32Array) => {
      largest.piece = Math.max(largest.piece, piece.length);
      return codeMatrix(new Uint16Array(framesForSamples(piece.length) * LAYER_COUNT));
    },
  };
  const { matrix, samples } = await encodeStream(chunks, encoder, { chunkFrames });
  return { largest, samples, frames: matrix.frames };
}

describe('readAudio24k memory bounds', () => {
  it('keeps every buffer of a 10-minute 4 kHz file (upsampled ×6, 2.3 read blocks) within one chunk, whatever its duration', async () => {
    const seconds = 10 * 60;
    const tone = new Float32Array(4_000 * seconds);
    for (let i = 0; i < tone.length; i++) tone[i] = 0.5 * Math.sin((2 * Math.PI * 440 * i) / 4_000);
    const path = writeTemp('long-4k.wav', makeWav({ sampleRate: 4_000, encoding: 'pcm', bits: 8, channels: [tone] }));
    const { largest, samples, frames } = await largestBuffers(path, 750);
    assert.equal(samples, seconds * 24_000);
    assert.equal(frames, (seconds * 24_000) / SAMPLES_PER_FRAME);
    assert.ok(largest.decoded <= READ_BLOCK_BYTES, `decoded block of ${largest.decoded} samples`);
    // One chunk of output per resampler call, give or take the filter's reach.
    assert.ok(largest.resampled <= DEFAULT_CHUNK_SAMPLES + 1_000, `resampler output of ${largest.resampled} samples`);
    assert.ok(largest.chunk <= DEFAULT_CHUNK_SAMPLES);
    assert.ok(largest.piece <= 750 * SAMPLES_PER_FRAME);
  });

  it('keeps every buffer of a 768 kHz file (downsampled ×32) within one read block', async () => {
    const seconds = 5;
    const path = writeTemp('long-768k.wav', makeWav({ sampleRate: 768_000, encoding: 'pcm', bits: 16, channels: [new Float32Array(768_000 * seconds)] }));
    const { largest, samples } = await largestBuffers(path, 750);
    assert.equal(samples, seconds * 24_000);
    assert.ok(largest.decoded <= READ_BLOCK_BYTES / 2, `decoded block of ${largest.decoded} samples`);
    assert.ok(largest.resampled <= DEFAULT_CHUNK_SAMPLES + 1_000, `resampler output of ${largest.resampled} samples`);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeMatrix } from '../../../src/domain/code-matrix.js';
import { encodeStream } from '../../../src/ingest/encode-stream.js';
import type { FrameEncoder } from '../../../src/ingest/encode-stream.js';

/** A frame-local fake encoder: token (frame, layer) = round(1000·|sample at frame start + 100·layer|) mod 2048. */
const frameLocal: FrameEncoder = {
  encode: async (x) => {
    const frames = Math.ceil(x.length / 1920);
    const t = new Uint16Array(frames * 16);
    for (let f = 0; f < frames; f++) for (let l = 0; l < 16; l++) t[f * 16 + l] = Math.round(1000 * Math.abs(x[f * 1920 + l * 100] ?? 0)) % 2048;
    return codeMatrix(t);
  },
};

async function* chunked(x: Float32Array, size: number): AsyncGenerator<Float32Array> {
  for (let i = 0; i < x.length; i += size) yield x.subarray(i, i + size);
}

const signal = Float32Array.from({ length: 1920 * 37 + 55 }, (_, i) => Math.sin(i / 7.3) * Math.cos(i / 1000));

describe('encodeStream', () => {
  it('gives ceil(T/1920) frames and the same codes for any chunk and piece size with a frame-local encoder', async () => {
    const whole = await frameLocal.encode(signal);
    assert.equal(whole.frames, 38);
    for (const [chunk, piece] of [[1000, 1], [4096, 5], [48000, 7], [signal.length, 100]] as const) {
      const r = await encodeStream(chunked(signal, chunk), frameLocal, { chunkFrames: piece });
      assert.equal(r.samples, signal.length);
      assert.deepEqual(r.matrix.tokens, whole.tokens, `chunk ${chunk} piece ${piece}`);
    }
  });

  it('prefixes each piece with context frames and drops their codes', async () => {
    const seen: number[] = [];
    const recording: FrameEncoder = { encode: async (x) => (seen.push(x.length), frameLocal.encode(x)) };
    const r = await encodeStream(chunked(signal, 5000), recording, { chunkFrames: 10, contextFrames: 2 });
    // pieces of 10 frames: the first has no context, later ones 2 frames of it; the last holds 7 frames + 55 samples.
    assert.deepEqual(seen, [19200, 23040, 23040, 3840 + 7 * 1920 + 55]);
    assert.deepEqual(r.matrix.tokens, (await frameLocal.encode(signal)).tokens);
  });

  it('reports how many samples it has read', async () => {
    const reported: number[] = [];
    await encodeStream(chunked(signal, 30000), frameLocal, { chunkFrames: 50, onSamples: (n) => reported.push(n) });
    assert.deepEqual(reported, [30000, 60000, signal.length]);
  });
});

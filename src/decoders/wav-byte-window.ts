import { SAMPLES_PER_FRAME } from '../domain/contract.js';
import { wavData } from '../audio/wav-writer.js';
import type { FrameSpan } from './decoder.js';

/** Bytes of the header of a 16-bit mono WAV file (wavHeader's, without a fact chunk). */
export const PCM16_HEADER_BYTES = 44;
const BYTES_PER_SAMPLE = 2;

/** Size in bytes of the 16-bit mono WAV file of `frames` frames (N·1920 samples). */
export function pcm16WavBytes(frames: number): number {
  return PCM16_HEADER_BYTES + frames * SAMPLES_PER_FRAME * BYTES_PER_SAMPLE;
}

/**
 * The frames whose samples hold bytes [start, end] (inclusive) of the 16-bit WAV file of
 * `frames` frames; null when the range holds header bytes only.
 */
export function framesOfBytes(start: number, end: number, frames: number): FrameSpan | null {
  if (end < PCM16_HEADER_BYTES) return null;
  const bytesPerFrame = SAMPLES_PER_FRAME * BYTES_PER_SAMPLE;
  const first = Math.floor(Math.max(0, start - PCM16_HEADER_BYTES) / bytesPerFrame);
  const last = Math.min(frames - 1, Math.floor((end - PCM16_HEADER_BYTES) / bytesPerFrame));
  return { start: first, count: last - first + 1 };
}

/**
 * Bytes [start, end] (inclusive) of a 16-bit mono WAV file, as they come: the part of `header`
 * the range holds, then the range's part of each block of `blocks`, which are the samples of the
 * frames from `firstFrame` on (as framesOfBytes gives them). Stops taking blocks once `end` is
 * reached, so a decode behind them goes no further than the range needs.
 */
export async function* wavByteWindow(header: Buffer, blocks: AsyncIterable<Float32Array> | Iterable<Float32Array>, firstFrame: number, start: number, end: number): AsyncGenerator<Buffer> {
  if (start < header.length) yield header.subarray(start, Math.min(end + 1, header.length));
  if (end < header.length) return;
  let at = header.length + firstFrame * SAMPLES_PER_FRAME * BYTES_PER_SAMPLE;
  for await (const block of blocks) {
    const bytes = wavData(block, 'pcm16');
    const from = Math.max(start, at);
    const to = Math.min(end + 1, at + bytes.length);
    if (to > from) yield bytes.subarray(from - at, to - at);
    at += bytes.length;
    if (at > end) return;
  }
}

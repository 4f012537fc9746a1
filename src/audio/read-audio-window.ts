import { readAudio24k } from './read-audio.js';

/**
 * Samples [from, to) of `path` as mono 24 kHz float32 (fewer when the file ends first). The file
 * is decoded from its start up to `to` a chunk at a time, so memory holds the window and one chunk;
 * `signal` stops the read between chunks.
 */
export async function readAudioWindow24k(path: string, from: number, to: number, signal?: AbortSignal): Promise<Float32Array> {
  const out = new Float32Array(Math.max(0, to - from));
  let at = 0;
  let filled = 0;
  for await (const chunk of readAudio24k(path)) {
    signal?.throwIfAborted();
    const a = Math.max(from, at);
    const b = Math.min(to, at + chunk.length);
    if (b > a) {
      out.set(chunk.subarray(a - at, b - at), a - from);
      filled = b - from;
    }
    at += chunk.length;
    if (at >= to) break;
  }
  return filled === out.length ? out : out.slice(0, filled);
}

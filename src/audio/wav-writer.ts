import { open, rm } from 'node:fs/promises';
import { invalidArgument } from '../errors.js';

/** Sample encodings `writeWav` writes: 16-bit PCM (clipped to [-1, 1]) or 32-bit IEEE float (as is). */
export type WavEncoding = 'pcm16' | 'float32';

/** Every WavEncoding, for option checks. */
export const WAV_ENCODINGS: readonly WavEncoding[] = ['pcm16', 'float32'];

const BYTES: Record<WavEncoding, number> = { pcm16: 2, float32: 4 };

/** The 44-byte RIFF/WAVE header of a mono file of `samples` samples at `sampleRate` Hz (a 58-byte one with a fact chunk for float). */
export function wavHeader(samples: number, sampleRate: number, encoding: WavEncoding): Buffer {
  const bytes = BYTES[encoding];
  const data = samples * bytes;
  const float = encoding === 'float32';
  // Non-PCM WAVE files carry a fact chunk (sample count) and an 18-byte fmt chunk (cbSize 0).
  const fmtSize = float ? 18 : 16;
  const header = Buffer.alloc(12 + 8 + fmtSize + (float ? 12 : 0) + 8);
  let at = 0;
  at += header.write('RIFF', at);
  at = header.writeUInt32LE(header.length - 8 + data, at);
  at += header.write('WAVE', at);
  at += header.write('fmt ', at);
  at = header.writeUInt32LE(fmtSize, at);
  at = header.writeUInt16LE(float ? 3 : 1, at);
  at = header.writeUInt16LE(1, at);
  at = header.writeUInt32LE(sampleRate, at);
  at = header.writeUInt32LE(sampleRate * bytes, at);
  at = header.writeUInt16LE(bytes, at);
  at = header.writeUInt16LE(bytes * 8, at);
  if (float) {
    at = header.writeUInt16LE(0, at);
    at += header.write('fact', at);
    at = header.writeUInt32LE(4, at);
    at = header.writeUInt32LE(samples, at);
  }
  at += header.write('data', at);
  header.writeUInt32LE(data, at);
  return header;
}

/** One block of samples as WAV data bytes. */
export function wavData(block: Float32Array, encoding: WavEncoding): Buffer {
  if (encoding === 'float32') return Buffer.from(block.buffer, block.byteOffset, block.byteLength);
  const out = Buffer.alloc(block.length * 2);
  for (let i = 0; i < block.length; i++) {
    const s = Math.max(-1, Math.min(1, block[i]!));
    out.writeInt16LE(Math.round(s * 32767), i * 2);
  }
  return out;
}

/**
 * Writes a mono WAV file of exactly `samples` samples from `blocks` as they come (memory holds one
 * block), at `sampleRate` Hz. The file is removed when the blocks fail or do not add up to `samples`.
 */
export async function writeWav(path: string, blocks: AsyncIterable<Float32Array> | Iterable<Float32Array>, samples: number, sampleRate: number, encoding: WavEncoding): Promise<void> {
  if (!WAV_ENCODINGS.includes(encoding)) throw invalidArgument(`encoding: expected one of ${WAV_ENCODINGS.join(', ')}, got ${JSON.stringify(encoding)}`);
  const file = await open(path, 'w');
  let ok = false;
  try {
    await file.write(wavHeader(samples, sampleRate, encoding));
    let written = 0;
    for await (const block of blocks) {
      written += block.length;
      if (written > samples) throw invalidArgument(`${path}: more than the ${samples} samples the header announces`);
      await file.write(wavData(block, encoding));
    }
    if (written !== samples) throw invalidArgument(`${path}: ${written} samples written, the header announces ${samples}`);
    ok = true;
  } finally {
    await file.close();
    if (!ok) await rm(path, { force: true });
  }
}

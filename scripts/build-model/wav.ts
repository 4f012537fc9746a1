/**
 * A tiny reader for the corpus's own format only: RIFF/WAVE, PCM (format 1), 16-bit, mono, 24 kHz.
 * The product's decoders live in src/audio; the build keeps its own so it depends on nothing there.
 */
import { readFileSync } from 'node:fs';
import { SAMPLE_RATE } from '../../src/domain/contract.js';

/** Samples of a 24 kHz mono 16-bit PCM WAV file as float32 in [-1, 1). */
export function readPcm16Wav(path: string): Float32Array {
  const bytes = readFileSync(path);
  const fail = (what: string): never => {
    throw new Error(`${path}: expected a 24 kHz mono 16-bit PCM WAV, ${what}`);
  };
  if (bytes.length < 12 || bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') {
    fail('found no RIFF/WAVE header');
  }
  let offset = 12;
  let format: { channels: number; rate: number; bits: number; tag: number } | undefined;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = {
        tag: bytes.readUInt16LE(body),
        channels: bytes.readUInt16LE(body + 2),
        rate: bytes.readUInt32LE(body + 4),
        bits: bytes.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (format === undefined) return fail('found data before fmt');
      if (format.tag !== 1 || format.channels !== 1 || format.rate !== SAMPLE_RATE || format.bits !== 16) {
        return fail(`found format ${format.tag}, ${format.channels} channel(s), ${format.rate} Hz, ${format.bits} bits`);
      }
      const count = Math.floor(Math.min(size, bytes.length - body) / 2);
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = bytes.readInt16LE(body + 2 * i) / 32768;
      return out;
    }
    offset = body + size + (size & 1);
  }
  return fail('found no data chunk');
}

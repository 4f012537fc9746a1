import { writeFile } from 'node:fs/promises';

/** 16-bit PCM WAV bytes of `channels` interleaved from per-channel float arrays in [-1, 1]. */
export function wavBytes(channels: readonly Float32Array[], sampleRate: number): Buffer {
  const n = channels[0]?.length ?? 0;
  const data = Buffer.alloc(n * channels.length * 2);
  for (let i = 0; i < n; i++) {
    channels.forEach((ch, c) => data.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(ch[i]! * 32767))), (i * channels.length + c) * 2));
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channels.length, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * channels.length * 2, 28);
  header.writeUInt16LE(channels.length * 2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** A deterministic test signal: a tone plus a few bursts, `seconds` long at `sampleRate`. */
export function testSignal(seconds: number, sampleRate: number, seed = 1): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  let s = seed;
  for (let i = 0; i < out.length; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const burst = Math.floor(i / sampleRate) % 3 === 1 ? (s / 2147483648 - 0.5) * 0.8 : 0;
    out[i] = 0.3 * Math.sin((2 * Math.PI * 440 * i) / sampleRate) + burst;
  }
  return out;
}

/** Writes a mono 16-bit WAV file. */
export async function writeWav(path: string, samples: Float32Array, sampleRate: number): Promise<void> {
  await writeFile(path, wavBytes([samples], sampleRate));
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../support/paths.js';

/** Test helpers for the audio layer: WAV bytes built in memory, temp files, fixtures and spectra. */

/** How to lay out the WAV that makeWav builds. */
export interface WavSpec {
  /** Sample rate in Hz. */
  readonly sampleRate: number;
  /** Integer PCM or IEEE float. */
  readonly encoding: 'pcm' | 'float';
  /** Bits per sample: 8/16/24/32 (PCM), 32/64 (float). */
  readonly bits: number;
  /** Samples per channel, nominally in [-1, 1]; written as is for float, scaled and clipped for PCM. */
  readonly channels: readonly (readonly number[] | Float32Array)[];
  /** Write a WAVE_FORMAT_EXTENSIBLE fmt chunk with the PCM/float subformat GUID. */
  readonly extensible?: boolean;
  /** Write an RF64 header with a ds64 chunk (and 0xFFFFFFFF sizes) instead of RIFF. */
  readonly rf64?: boolean;
  /** Override the format tag (e.g. 0x0002 ADPCM) and the declared channel count. */
  readonly tag?: number;
  readonly declaredChannels?: number;
  /** Override the data chunk's declared byte count (e.g. to fake truncation). */
  readonly declaredDataBytes?: number;
  /** Extra chunks (id, body) written between fmt and data, to exercise chunk skipping and padding. */
  readonly extraChunks?: ReadonlyArray<readonly [string, Uint8Array]>;
}

function chunk(id: string, body: Uint8Array, declared = body.length): Uint8Array {
  const out = new Uint8Array(8 + body.length + (body.length & 1));
  out.set(Buffer.from(id, 'latin1'));
  new DataView(out.buffer).setUint32(4, declared, true);
  out.set(body, 8);
  return out;
}

function encodeSample(view: DataView, at: number, value: number, encoding: 'pcm' | 'float', bits: number): void {
  if (encoding === 'float') return bits === 32 ? view.setFloat32(at, value, true) : view.setFloat64(at, value, true);
  const max = 2 ** (bits - 1);
  const int = Math.max(-max, Math.min(max - 1, Math.round(value * max)));
  if (bits === 8) view.setUint8(at, int + 128);
  else if (bits === 16) view.setInt16(at, int, true);
  else if (bits === 24) {
    view.setUint8(at, int & 0xff);
    view.setInt16(at + 1, int >> 8, true);
  } else view.setInt32(at, int, true);
}

/** Builds the bytes of a WAV file from per-channel samples. */
export function makeWav(spec: WavSpec): Uint8Array {
  const { sampleRate, encoding, bits, channels } = spec;
  const count = spec.declaredChannels ?? channels.length;
  const frames = channels[0]?.length ?? 0;
  const step = bits / 8;
  const data = new Uint8Array(frames * channels.length * step);
  const view = new DataView(data.buffer);
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channels.length; c++) encodeSample(view, (i * channels.length + c) * step, channels[c]![i]!, encoding, bits);
  }
  const tag = spec.tag ?? (encoding === 'pcm' ? 1 : 3);
  const fmt = new Uint8Array(spec.extensible ? 40 : 16);
  const f = new DataView(fmt.buffer);
  f.setUint16(0, spec.extensible ? 0xfffe : tag, true);
  f.setUint16(2, count, true);
  f.setUint32(4, sampleRate, true);
  f.setUint32(8, sampleRate * count * step, true);
  f.setUint16(12, count * step, true);
  f.setUint16(14, bits, true);
  if (spec.extensible) {
    f.setUint16(16, 22, true);
    f.setUint16(18, bits, true);
    f.setUint16(24, tag, true);
    fmt.set([0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71], 26);
  }
  const parts: Uint8Array[] = [];
  if (spec.rf64) {
    const ds64 = new Uint8Array(28);
    new DataView(ds64.buffer).setBigUint64(8, BigInt(spec.declaredDataBytes ?? data.length), true);
    parts.push(chunk('ds64', ds64));
  }
  parts.push(chunk('fmt ', fmt));
  for (const [id, body] of spec.extraChunks ?? []) parts.push(chunk(id, body));
  parts.push(chunk('data', data, spec.rf64 ? 0xffffffff : spec.declaredDataBytes ?? data.length));
  const body = Buffer.concat([Buffer.from('WAVE', 'latin1'), ...parts]);
  const header = Buffer.alloc(8);
  header.write(spec.rf64 ? 'RF64' : 'RIFF', 0, 'latin1');
  header.writeUInt32LE(spec.rf64 ? 0xffffffff : body.length, 4);
  return new Uint8Array(Buffer.concat([header, body]));
}

let scratch: string | undefined;

/** Writes `bytes` to a fresh temp file called `name` and returns its path. */
export function writeTemp(name: string, bytes: Uint8Array | string): string {
  scratch ??= mkdtempSync(join(tmpdir(), 'tokenscope-audio-'));
  const path = join(scratch, name);
  writeFileSync(path, bytes);
  return path;
}

/** Path of a committed fixture under test/fixtures/audio/. */
export function fixture(name: string): string {
  return join(repoRoot(), 'test', 'fixtures', 'audio', name);
}

/** A sine of `hz` at `rate` Hz, `length` samples, amplitude `amplitude`. */
export function sine(hz: number, rate: number, length: number, amplitude = 1): Float32Array {
  return Float32Array.from({ length }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / rate));
}

/** The frequency (Hz, on a 10 Hz grid from 100 to 2000 Hz) with the most energy in `x` (Goertzel per bin). */
export function dominantFrequency(x: Float32Array, rate: number): number {
  let best = 0;
  let bestPower = -1;
  for (let hz = 100; hz <= 2000; hz += 10) {
    const coeff = 2 * Math.cos((2 * Math.PI * hz) / rate);
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < x.length; i++) {
      const s0 = x[i]! + coeff * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
    if (power > bestPower) [best, bestPower] = [hz, power];
  }
  return best;
}

/** Mean square of x[from, to). */
export function meanSquare(x: Float32Array, from = 0, to = x.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += x[i]! ** 2;
  return sum / (to - from);
}

import type { PcmBlock } from './audio-info.js';
import type { WavFormat } from './wav-format.js';
import { invalidAudio } from './audio-errors.js';

/** Reads sample i (counted over all channels) from the interleaved bytes, scaled to [-1, 1). */
type SampleReader = (bytes: Uint8Array, i: number) => number;

/**
 * One reader per layout. Aligned typed-array views are several times faster than DataView in V8;
 * file blocks are fresh buffers (offset 0, whole frames), so they are always aligned, and the
 * byte-level fallback covers any other caller. The host is assumed little-endian, as WAV is.
 */
function readerFor(bytes: Uint8Array, encoding: 'pcm' | 'float', bits: number): SampleReader {
  const count = Math.floor(bytes.length / (bits / 8));
  const aligned = bytes.byteOffset % (bits / 8) === 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bits === 8) return (b, i) => (b[i]! - 128) / 128; // 8-bit WAV is unsigned, centred on 128
  if (bits === 24) return (b, i) => ((b[3 * i]! | (b[3 * i + 1]! << 8) | (b[3 * i + 2]! << 16)) << 8 >> 8) / 8388608;
  if (encoding === 'pcm' && bits === 16) {
    if (!aligned) return (_, i) => view.getInt16(2 * i, true) / 32768;
    const samples = new Int16Array(bytes.buffer, bytes.byteOffset, count);
    return (_, i) => samples[i]! / 32768;
  }
  if (encoding === 'pcm') {
    if (!aligned) return (_, i) => view.getInt32(4 * i, true) / 2147483648;
    const samples = new Int32Array(bytes.buffer, bytes.byteOffset, count);
    return (_, i) => samples[i]! / 2147483648;
  }
  if (bits === 32) {
    if (!aligned) return (_, i) => view.getFloat32(4 * i, true);
    const samples = new Float32Array(bytes.buffer, bytes.byteOffset, count);
    return (_, i) => samples[i]!;
  }
  if (!aligned) return (_, i) => view.getFloat64(8 * i, true);
  const samples = new Float64Array(bytes.buffer, bytes.byteOffset, count);
  return (_, i) => samples[i]!;
}

/**
 * Decodes whole sample frames of interleaved WAV bytes into one array per channel. `firstSample` is
 * the index (per channel) of the first frame in the file, so a NaN or infinity is reported where it is.
 */
export function decodeWavSamples(bytes: Uint8Array, format: WavFormat, firstSample: number, path: string): PcmBlock {
  const { channels, blockAlign, bitsPerSample, encoding } = format;
  const read = readerFor(bytes, encoding, bitsPerSample);
  const frames = Math.floor(bytes.length / blockAlign);
  const out: Float32Array[] = [];
  for (let c = 0; c < channels; c++) {
    const channel = new Float32Array(frames);
    for (let i = 0, at = c; i < frames; i++, at += channels) channel[i] = read(bytes, at);
    out.push(channel);
  }
  if (encoding === 'float') rejectNonFinite(out, firstSample, path);
  return out;
}

/** Float WAV can hold NaN and ±Inf, which would poison every statistic downstream: reject them. */
function rejectNonFinite(channels: readonly Float32Array[], firstSample: number, path: string): void {
  for (let c = 0; c < channels.length; c++) {
    const channel = channels[c]!;
    for (let i = 0; i < channel.length; i++) {
      const value = channel[i]!;
      if (value - value !== 0) {
        const sample = firstSample + i;
        throw invalidAudio(path, `sample ${sample} of channel ${c + 1} is ${value}; audio samples must be finite`, {
          sampleIndex: sample,
          channel: c + 1,
        });
      }
    }
  }
}

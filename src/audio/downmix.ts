import type { PcmBlock } from './audio-info.js';

/** Mono from any number of channels by averaging them, sample by sample (mono input is returned as is). */
export function downmix(channels: PcmBlock): Float32Array {
  if (channels.length === 1) return channels[0]!;
  if (channels.length === 2) {
    // The common case, without the float64 accumulator the general case uses.
    const [left, right] = channels as [Float32Array, Float32Array];
    const out = new Float32Array(left.length);
    for (let i = 0; i < left.length; i++) out[i] = (left[i]! + right[i]!) * 0.5;
    return out;
  }
  const length = channels[0]?.length ?? 0;
  const sum = new Float64Array(length);
  for (const channel of channels) {
    for (let i = 0; i < length; i++) sum[i] += channel[i]!;
  }
  const out = new Float32Array(length);
  const scale = 1 / channels.length;
  for (let i = 0; i < length; i++) out[i] = sum[i]! * scale;
  return out;
}

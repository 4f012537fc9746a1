import type { MpegHeader } from './mpeg-frame-header.js';

const readU32 = (b: Uint8Array, at: number): number => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

/**
 * Samples per channel that a gapless decoder returns, from the Xing/Info tag in the first frame
 * (frame count) and LAME's encoder delay and padding; undefined when the stream has no such tag.
 */
export function mpegTaggedSamples(frame: Uint8Array, header: MpegHeader): number | undefined {
  const at = header.sideInfoEnd;
  const id = String.fromCharCode(...frame.subarray(at, at + 4));
  if (id !== 'Xing' && id !== 'Info') return undefined;
  const flags = readU32(frame, at + 4);
  if (!(flags & 1)) return undefined;
  const samples = readU32(frame, at + 8) * header.samplesPerFrame;
  // The LAME extension sits 120 bytes after the tag when all four optional Xing fields are present.
  const lame = at + 120;
  if (flags !== 0x0f || frame.length < lame + 24) return samples;
  if (String.fromCharCode(...frame.subarray(lame, lame + 4)) !== 'LAME') return samples;
  const delay = (frame[lame + 21]! << 4) | (frame[lame + 22]! >> 4);
  const padding = ((frame[lame + 22]! & 0x0f) << 8) | frame[lame + 23]!;
  return Math.max(0, samples - delay - padding);
}

/** MPEG-1/2/2.5 audio (Layer I/II/III) frame headers: enough to walk frames and read the Xing/Info tag. */

/** One parsed 4-byte frame header. */
export interface MpegHeader {
  /** Sample rate in Hz. */
  readonly sampleRate: number;
  /** 1 (mono) or 2. */
  readonly channels: number;
  /** Samples per channel in this frame (384, 576 or 1152). */
  readonly samplesPerFrame: number;
  /** Frame length in bytes including the header; 0 for free-format streams (length unknown). */
  readonly frameBytes: number;
  /** Byte offset of the Xing/Info tag inside a frame (after the side information). */
  readonly sideInfoEnd: number;
}

// Bitrates in kbit/s by [table][index]; tables: V1 L1, V1 L2, V1 L3, V2 L1, V2 L2/L3.
const BITRATES = [
  [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
] as const;
const SAMPLE_RATES = [44100, 48000, 32000] as const;

/** Parses the frame header at `at`, or returns undefined when the bytes there are not one. */
export function parseMpegHeader(bytes: Uint8Array, at: number): MpegHeader | undefined {
  if (at + 4 > bytes.length) return undefined;
  const b1 = bytes[at + 1]!;
  const b2 = bytes[at + 2]!;
  if (bytes[at] !== 0xff || (b1 & 0xe0) !== 0xe0) return undefined;
  const version = (b1 >> 3) & 3; // 0 = MPEG-2.5, 1 = reserved, 2 = MPEG-2, 3 = MPEG-1
  const layer = 4 - ((b1 >> 1) & 3); // 4 = reserved
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  if (version === 1 || layer === 4 || bitrateIndex === 15 || rateIndex === 3) return undefined;
  const mpeg1 = version === 3;
  const sampleRate = SAMPLE_RATES[rateIndex]! / (mpeg1 ? 1 : version === 2 ? 2 : 4);
  const table = mpeg1 ? layer - 1 : layer === 1 ? 3 : 4;
  const bitrate = BITRATES[table]![bitrateIndex]! * 1000;
  const padding = (b2 >> 1) & 1;
  const channels = bytes[at + 3]! >> 6 === 3 ? 1 : 2;
  const samplesPerFrame = layer === 1 ? 384 : layer === 3 && !mpeg1 ? 576 : 1152;
  const frameBytes =
    bitrate === 0 ? 0 : layer === 1 ? (Math.floor((12 * bitrate) / sampleRate) + padding) * 4 : Math.floor((samplesPerFrame / 8) * bitrate / sampleRate) + padding;
  const sideInfo = mpeg1 ? (channels === 1 ? 17 : 32) : channels === 1 ? 9 : 17;
  return { sampleRate, channels, samplesPerFrame, frameBytes, sideInfoEnd: 4 + sideInfo };
}

/** True when a plausible MPEG audio frame header starts at `at`. */
export function isMpegAudioHeader(bytes: Uint8Array, at: number): boolean {
  return parseMpegHeader(bytes, at) !== undefined;
}

import type { AudioCodec } from './audio-info.js';
import { invalidAudio, unsupportedFormat } from './audio-errors.js';
import { checkSampleRate } from './sample-rate-range.js';

/** The sample layout a WAV `fmt ` chunk declares, reduced to what the decoder needs. */
export interface WavFormat {
  /** Integer PCM or IEEE float samples. */
  readonly encoding: 'pcm' | 'float';
  /** Container bits per sample: 8, 16, 24 or 32 (PCM), 32 or 64 (float). */
  readonly bitsPerSample: number;
  /** Channel count (≥ 1). */
  readonly channels: number;
  /** Sample rate in Hz. */
  readonly sampleRate: number;
  /** Bytes per sample frame (all channels). */
  readonly blockAlign: number;
  /** The codec name reported by probeAudio. */
  readonly codec: AudioCodec;
}

const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
/** Bytes 2..15 shared by the KSDATAFORMAT_SUBTYPE_* GUIDs whose first two bytes are a format tag. */
const GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

/** Names of common tags we do not decode, so the error says what the file is. */
const TAG_NAMES: Readonly<Record<number, string>> = {
  0x0002: 'Microsoft ADPCM',
  0x0006: 'A-law',
  0x0007: 'µ-law',
  0x0011: 'IMA ADPCM',
  0x0031: 'GSM 6.10',
  0x0050: 'MPEG audio',
  0x0055: 'MPEG Layer III',
  0x0161: 'Windows Media Audio',
};

const CODECS: Readonly<Record<string, AudioCodec>> = {
  pcm8: 'pcm_u8', pcm16: 'pcm_s16le', pcm24: 'pcm_s24le', pcm32: 'pcm_s32le', float32: 'pcm_f32le', float64: 'pcm_f64le',
};

function tagName(tag: number): string {
  const hex = `0x${tag.toString(16).padStart(4, '0')}`;
  return TAG_NAMES[tag] ? `${TAG_NAMES[tag]} (format tag ${hex})` : `format tag ${hex}`;
}

/** Parses a `fmt ` chunk body, resolving WAVE_FORMAT_EXTENSIBLE to its PCM or float subformat. */
export function parseWavFormat(body: Uint8Array, path: string): WavFormat {
  if (body.length < 16) throw invalidAudio(path, `fmt chunk is ${body.length} bytes, expected at least 16`);
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  let tag = view.getUint16(0, true);
  const channels = view.getUint16(2, true);
  const sampleRate = view.getUint32(4, true);
  const blockAlign = view.getUint16(12, true);
  const bitsPerSample = view.getUint16(14, true);
  if (tag === WAVE_FORMAT_EXTENSIBLE) {
    if (body.length < 40) throw invalidAudio(path, `WAVE_FORMAT_EXTENSIBLE fmt chunk is ${body.length} bytes, expected 40`);
    const guid = body.subarray(24, 40);
    const subTag = view.getUint16(24, true);
    if (!GUID_TAIL.every((b, i) => guid[i + 2] === b)) {
      const hex = Array.from(guid, (b) => b.toString(16).padStart(2, '0')).join('');
      throw unsupportedFormat(path, `WAVE_FORMAT_EXTENSIBLE subformat GUID ${hex} is not PCM or IEEE float`);
    }
    tag = subTag;
  }
  if (tag !== WAVE_FORMAT_PCM && tag !== WAVE_FORMAT_IEEE_FLOAT) {
    throw unsupportedFormat(path, `WAV codec ${tagName(tag)} is not supported (supported: integer PCM, IEEE float)`);
  }
  if (channels === 0) throw invalidAudio(path, 'WAV declares 0 channels, expected at least 1');
  checkSampleRate(path, 'WAV', sampleRate);
  const encoding = tag === WAVE_FORMAT_PCM ? 'pcm' : 'float';
  const codec = CODECS[`${encoding}${bitsPerSample}`];
  if (codec === undefined) {
    throw unsupportedFormat(path, `WAV ${encoding} with ${bitsPerSample} bits per sample is not supported (PCM: 8/16/24/32, float: 32/64)`);
  }
  if (blockAlign !== channels * (bitsPerSample / 8)) {
    throw invalidAudio(path, `WAV block align is ${blockAlign} bytes, expected ${channels} channels × ${bitsPerSample / 8} bytes`);
  }
  return { encoding, bitsPerSample, channels, sampleRate, blockAlign, codec };
}

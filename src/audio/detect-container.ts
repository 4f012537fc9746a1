import type { AudioFormat } from './audio-info.js';
import type { AudioFile } from './audio-file.js';
import { invalidAudio, unsupportedFormat } from './audio-errors.js';
import { isMpegAudioHeader } from './mpeg-frame-header.js';

/** Where a supported stream starts: its container and the byte offset past any leading ID3v2 tag. */
export interface DetectedContainer {
  readonly format: AudioFormat;
  /** Byte offset of the container's first byte (non-zero after an ID3v2 tag). */
  readonly offset: number;
}

/** Containers we recognise but do not decode, by their magic bytes, so the error can name them. */
const UNSUPPORTED_MAGIC: ReadonlyArray<readonly [string, number, string]> = [
  ['AIFF', 8, 'AIFF'],
  ['AIFC', 8, 'AIFF-C'],
  ['caff', 0, 'Core Audio Format (CAF)'],
  ['ftyp', 4, 'MP4/M4A'],
  ['\x1aE\xdf\xa3', 0, 'Matroska/WebM'],
  ['.snd', 0, 'Sun AU'],
  ['riff', 0, 'Sony Wave64'],
  ['wvpk', 0, 'WavPack'],
  ['MAC ', 0, "Monkey's Audio"],
  ['MThd', 0, 'MIDI'],
];

const ascii = (bytes: Uint8Array, at: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(at, at + length));

/** Size of an ID3v2 tag starting at head[0] (header, syncsafe size and optional footer), in bytes. */
function id3v2Size(head: Uint8Array): number {
  const size = ((head[6]! & 0x7f) << 21) | ((head[7]! & 0x7f) << 14) | ((head[8]! & 0x7f) << 7) | (head[9]! & 0x7f);
  return 10 + size + (head[5]! & 0x10 ? 10 : 0);
}

/** True when the bytes look like text (printable ASCII, whitespace or UTF-8), i.e. not a binary container. */
function looksLikeText(bytes: Uint8Array): boolean {
  return bytes.every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b !== 127));
}

/** Detects the container from the magic bytes at the start of the file (the extension is ignored). */
export async function detectContainer(file: AudioFile, offset = 0): Promise<DetectedContainer> {
  const head = await file.read(offset, 512);
  if (head.length >= 10 && ascii(head, 0, 3) === 'ID3') return detectContainer(file, offset + id3v2Size(head));
  const magic = ascii(head, 0, 4);
  if (['RIFF', 'RF64', 'BW64'].includes(magic)) {
    if (head.length < 12) throw invalidAudio(file.path, `truncated ${magic} header (${head.length} bytes)`);
    const form = ascii(head, 8, 4);
    if (form === 'WAVE') return { format: 'wav', offset };
    throw unsupportedFormat(file.path, `${magic} container of type "${form}" is not WAVE audio`);
  }
  if (magic === 'fLaC') return { format: 'flac', offset };
  if (magic === 'OggS') return { format: 'ogg', offset };
  if (head.length >= 4 && isMpegAudioHeader(head, 0)) return { format: 'mp3', offset };
  if (head.length >= 2 && head[0] === 0xff && (head[1]! & 0xf6) === 0xf0) {
    throw unsupportedFormat(file.path, 'AAC in ADTS is not supported (supported: WAV, FLAC, MP3, Ogg Vorbis, Ogg Opus)');
  }
  for (const [tag, at, name] of UNSUPPORTED_MAGIC) {
    if (ascii(head, at, tag.length) === tag) {
      throw unsupportedFormat(file.path, `${name} is not supported (supported: WAV, FLAC, MP3, Ogg Vorbis, Ogg Opus)`);
    }
  }
  if (head.length === 0) throw invalidAudio(file.path, `no audio data after the ID3v2 tag (at byte ${offset})`);
  if (looksLikeText(head)) {
    const start = JSON.stringify(ascii(head, 0, Math.min(24, head.length)));
    throw invalidAudio(file.path, `contains text, not audio (starts with ${start})`);
  }
  const hex = Array.from(head.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
  throw unsupportedFormat(file.path, `unknown container (first bytes ${hex}); supported: WAV, FLAC, MP3, Ogg Vorbis, Ogg Opus`);
}

import type { AudioFile } from './audio-file.js';
import type { AudioInfo } from './audio-info.js';
import { invalidAudio, unsupportedFormat } from './audio-errors.js';
import { withDuration } from './audio-info.js';
import { findLastOggPage, MAX_OGG_PAGE_BYTES, OGG_EOS, parseOggPage } from './ogg-page.js';
import { checkSampleRate } from './sample-rate-range.js';

/** Codecs carried in Ogg that we recognise but do not decode, by the start of their first packet. */
const OTHER_CODECS: ReadonlyArray<readonly [string, string]> = [
  ['\x7fFLAC', 'FLAC in Ogg'],
  ['Speex   ', 'Speex'],
  ['\x80theora', 'Theora video'],
];

const ascii = (b: Uint8Array, at: number, n: number): string => String.fromCharCode(...b.subarray(at, at + n));

/**
 * Reads an Ogg stream's identification header (first page) and last page: the codec, rate and
 * channels, the exact length from the final granule position, and whether the file was cut short
 * (its last page incomplete or without the end-of-stream flag).
 */
export async function readOggStreamInfo(file: AudioFile, offset: number): Promise<AudioInfo> {
  const head = await file.read(offset, MAX_OGG_PAGE_BYTES);
  const first = parseOggPage(head, 0);
  if (first === undefined) throw invalidAudio(file.path, 'truncated Ogg: the first page is incomplete');
  const id = first.bodyOffset;
  const view = new DataView(head.buffer, head.byteOffset);
  let codec: 'vorbis' | 'opus';
  let channels: number;
  let sampleRate: number;
  let preSkip = 0;
  if (ascii(head, id, 8) === 'OpusHead' && head.length >= id + 19) {
    codec = 'opus';
    channels = head[id + 9]!;
    preSkip = view.getUint16(id + 10, true);
    sampleRate = 48_000; // Opus always decodes at 48 kHz, whatever the input rate field says
  } else if (ascii(head, id, 7) === '\x01vorbis' && head.length >= id + 16) {
    codec = 'vorbis';
    channels = head[id + 11]!;
    sampleRate = view.getUint32(id + 12, true);
  } else {
    const known = OTHER_CODECS.find(([magic]) => ascii(head, id, magic.length) === magic);
    throw unsupportedFormat(file.path, `${known?.[1] ?? 'an unknown codec'} in Ogg is not supported (supported: Vorbis, Opus)`);
  }
  if (channels === 0) throw invalidAudio(file.path, `Ogg ${codec} declares 0 channels, expected at least 1`);
  checkSampleRate(file.path, `Ogg ${codec}`, sampleRate);
  const tailStart = Math.max(offset, file.size - MAX_OGG_PAGE_BYTES);
  const last = findLastOggPage(await file.read(tailStart, file.size - tailStart));
  if (last === undefined || !(last.flags & OGG_EOS)) {
    throw invalidAudio(file.path, `truncated Ogg ${codec}: the stream does not end with a complete last page`);
  }
  const samplesPerChannel = last.granule >= 0 ? Math.max(0, last.granule - preSkip) : undefined;
  return withDuration({ format: 'ogg', codec, sampleRate, channels, ...(samplesPerChannel === undefined ? {} : { samplesPerChannel }) });
}

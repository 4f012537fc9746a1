import type { AudioFile } from './audio-file.js';
import type { AudioInfo } from './audio-info.js';
import { invalidAudio } from './audio-errors.js';
import { withDuration } from './audio-info.js';
import { checkSampleRate } from './sample-rate-range.js';

/** Reads FLAC's STREAMINFO block (always the first metadata block): rate, channels, total samples. */
export async function readFlacStreamInfo(file: AudioFile, offset: number): Promise<AudioInfo> {
  const head = await file.read(offset, 4 + 4 + 34);
  if (head.length < 42 || (head[4]! & 0x7f) !== 0) {
    throw invalidAudio(file.path, 'truncated FLAC: no complete STREAMINFO block after the fLaC marker');
  }
  const s = 8; // STREAMINFO body: block sizes (4 bytes), frame sizes (6 bytes), then the packed fields
  const sampleRate = (head[s + 10]! << 12) | (head[s + 11]! << 4) | (head[s + 12]! >> 4);
  const channels = ((head[s + 12]! >> 1) & 0x07) + 1;
  // 36-bit total: 4 bits in byte 13, then 32 bits; 0 means "unknown" (e.g. a stream written live).
  const total = (head[s + 13]! & 0x0f) * 2 ** 32 + new DataView(head.buffer, head.byteOffset).getUint32(s + 14, false);
  checkSampleRate(file.path, 'FLAC STREAMINFO', sampleRate);
  return withDuration({ format: 'flac', codec: 'flac', sampleRate, channels, ...(total > 0 ? { samplesPerChannel: total } : {}) });
}

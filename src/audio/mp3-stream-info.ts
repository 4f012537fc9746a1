import type { AudioFile } from './audio-file.js';
import type { AudioInfo } from './audio-info.js';
import { invalidAudio } from './audio-errors.js';
import { withDuration } from './audio-info.js';
import { parseMpegHeader } from './mpeg-frame-header.js';
import { mpegTaggedSamples } from './mpeg-info-tag.js';
import { checkSampleRate } from './sample-rate-range.js';

/** Largest MPEG audio frame in bytes (Layer II at 384 kbit/s and 32 kHz, with padding), rounded up. */
const MAX_FRAME_BYTES = 2048;

/** Reads the first MPEG frame at `offset`: rate and channels, and the length when a Xing/Info tag says. */
export async function readMp3StreamInfo(file: AudioFile, offset: number): Promise<AudioInfo> {
  const frame = await file.read(offset, MAX_FRAME_BYTES);
  const header = parseMpegHeader(frame, 0);
  if (header === undefined) throw invalidAudio(file.path, `no MPEG audio frame header at byte ${offset}`);
  const samplesPerChannel = mpegTaggedSamples(frame, header);
  return withDuration({
    format: 'mp3',
    codec: 'mp3',
    sampleRate: checkSampleRate(file.path, 'MPEG frame header', header.sampleRate), // 8–48 kHz by the standard
    channels: header.channels,
    ...(samplesPerChannel === undefined ? {} : { samplesPerChannel }),
  });
}

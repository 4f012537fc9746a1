import type { AudioInfo } from './audio-info.js';
import { invalidAudio } from './audio-errors.js';
import { openPcmSource } from './open-pcm-source.js';

/**
 * What `path` holds, from its headers only (no samples are decoded): container, codec, native rate
 * and channels, and the length when the headers say. Rejects what readAudio24k would reject up
 * front (not audio, unsupported, truncated WAV/Ogg, 0 channels, a WAV with no samples).
 */
export async function probeAudio(path: string): Promise<AudioInfo> {
  const source = await openPcmSource(path);
  try {
    if (source.info.samplesPerChannel === 0 && source.info.format === 'wav') {
      throw invalidAudio(path, 'contains no audio samples (duration 0 s)');
    }
    return source.info;
  } finally {
    await source.close();
  }
}

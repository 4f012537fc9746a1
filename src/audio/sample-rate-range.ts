import { invalidAudio } from './audio-errors.js';

/** Lowest native sample rate accepted, in Hz: below it a small file would declare hours of audio. */
export const MIN_SAMPLE_RATE = 4_000;

/** Highest native sample rate accepted, in Hz (the highest rate of common studio formats). */
export const MAX_SAMPLE_RATE = 768_000;

/**
 * Refuses a declared sample rate outside MIN_SAMPLE_RATE..MAX_SAMPLE_RATE with INVALID_AUDIO naming
 * the file, what declared it (e.g. "WAV", "FLAC STREAMINFO"), the rate and the accepted range.
 * Checked from the headers, before any sample is decoded.
 */
export function checkSampleRate(path: string, declaredBy: string, sampleRate: number): number {
  if (!(sampleRate >= MIN_SAMPLE_RATE && sampleRate <= MAX_SAMPLE_RATE)) {
    throw invalidAudio(
      path,
      `${declaredBy} declares a sample rate of ${sampleRate} Hz; accepted: ${MIN_SAMPLE_RATE}–${MAX_SAMPLE_RATE} Hz`,
      { sampleRate, minSampleRate: MIN_SAMPLE_RATE, maxSampleRate: MAX_SAMPLE_RATE },
    );
  }
  return sampleRate;
}

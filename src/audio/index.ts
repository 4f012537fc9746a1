/** The audio layer's public surface: probe a file, and read it as mono 24 kHz float32. */
export type { AudioCodec, AudioFormat, AudioInfo } from './audio-info.js';
export { probeAudio } from './probe-audio.js';
export type { ReadAudioOptions } from './read-audio.js';
export { DEFAULT_CHUNK_SAMPLES, readAllAudio24k, readAudio24k } from './read-audio.js';

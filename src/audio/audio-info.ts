/** What a container holds, as read from its headers (before decoding the samples). */

/** Containers tokenscope decodes, detected from the file's first bytes, never its extension. */
export type AudioFormat = 'wav' | 'flac' | 'mp3' | 'ogg';

/** Codecs inside those containers; WAV names its sample encoding (`pcm_s16le`, `pcm_f32le`, …). */
export type AudioCodec =
  | 'pcm_u8'
  | 'pcm_s16le'
  | 'pcm_s24le'
  | 'pcm_s32le'
  | 'pcm_f32le'
  | 'pcm_f64le'
  | 'flac'
  | 'mp3'
  | 'vorbis'
  | 'opus';

/** The result of probeAudio: the file's own format, before downmixing and resampling. */
export interface AudioInfo {
  /** Container, from the magic bytes. */
  readonly format: AudioFormat;
  /** Codec (or WAV sample encoding). */
  readonly codec: AudioCodec;
  /** Native sample rate in Hz (Ogg Opus always decodes at 48 000). */
  readonly sampleRate: number;
  /** Channel count (≥ 1). */
  readonly channels: number;
  /** Samples per channel at `sampleRate`, when the headers say (WAV, FLAC, Ogg; MP3 with a Xing/Info header). */
  readonly samplesPerChannel?: number;
  /** Duration in seconds (samplesPerChannel / sampleRate), when known from the headers. */
  readonly durationSeconds?: number;
}

/** Decoded PCM, one Float32Array per channel (all the same length), samples nominally in [-1, 1]. */
export type PcmBlock = readonly Float32Array[];

/** A decoder opened on one file: its header info and a stream of PCM blocks of bounded size. */
export interface PcmSource {
  /** What the headers say. */
  readonly info: AudioInfo;
  /** Decodes the file from the start; throws INVALID_AUDIO on corrupt or truncated data. */
  blocks(): AsyncGenerator<PcmBlock>;
  /** Releases the file and the decoder; safe to call more than once. */
  close(): Promise<void>;
}

/** AudioInfo with durationSeconds filled in from samplesPerChannel when that is known. */
export function withDuration(info: Omit<AudioInfo, 'durationSeconds'>): AudioInfo {
  const { samplesPerChannel, sampleRate } = info;
  return samplesPerChannel === undefined ? info : { ...info, durationSeconds: samplesPerChannel / sampleRate };
}

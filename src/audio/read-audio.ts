import { SAMPLE_RATE, SAMPLES_PER_FRAME } from '../domain/contract.js';
import { invalidArgument } from '../errors.js';
import { invalidAudio } from './audio-errors.js';
import { downmix } from './downmix.js';
import { FixedChunker } from './fixed-chunker.js';
import { openPcmSource } from './open-pcm-source.js';
import { StreamingResampler } from './streaming-resampler.js';

/** Options for readAudio24k. */
export interface ReadAudioOptions {
  /** Samples per yielded chunk at 24 kHz (default 240 000 = 10 s = 125 frames); only the last chunk is shorter. */
  readonly chunkSamples?: number;
  /**
   * Sees the length (samples) of every buffer a step makes: each decoded block per channel, each
   * resampler output. For tests and benchmarks that check memory stays bounded by the chunk.
   */
  readonly onBuffer?: (step: 'decoded' | 'resampled', samples: number) => void;
}

/** Default chunk: 10 s at 24 kHz, a whole number of 1920-sample frames. */
export const DEFAULT_CHUNK_SAMPLES = 125 * SAMPLES_PER_FRAME;

/**
 * Decodes `path` (WAV, FLAC, MP3, Ogg Vorbis/Opus; detected by magic bytes) to mono 24 kHz float32,
 * chunk by chunk: decode → average the channels → band-limited resample. Memory stays bounded by a
 * few chunks whatever the file's length. The total is exactly round(T · 24000 / rate) samples for T
 * input samples per channel. Throws TokenscopeError (INVALID_AUDIO, UNSUPPORTED_FORMAT,
 * UNREADABLE_FILE) naming the file; a file with no samples at all is INVALID_AUDIO.
 */
export async function* readAudio24k(path: string, options: ReadAudioOptions = {}): AsyncGenerator<Float32Array> {
  const chunkSamples = options.chunkSamples ?? DEFAULT_CHUNK_SAMPLES;
  if (!Number.isInteger(chunkSamples) || chunkSamples < 1) {
    throw invalidArgument(`chunkSamples must be a positive integer (samples at 24 kHz), got ${chunkSamples}`);
  }
  const source = await openPcmSource(path);
  try {
    const rate = source.info.sampleRate;
    const resampler = rate === SAMPLE_RATE ? undefined : new StreamingResampler(rate, SAMPLE_RATE);
    const chunker = new FixedChunker(chunkSamples);
    // Input fed to the resampler at once: what makes about one chunk of output, so upsampling
    // (×6 from 4 kHz) never makes a buffer several chunks long out of one decoded block.
    const slice = Math.max(1, Math.floor((chunkSamples * rate) / SAMPLE_RATE));
    const resample = (input: Float32Array): Float32Array => {
      const out = resampler!.push(input);
      options.onBuffer?.('resampled', out.length);
      return out;
    };
    let inputSamples = 0;
    for await (const block of source.blocks()) {
      options.onBuffer?.('decoded', block[0]?.length ?? 0);
      const mono = downmix(block);
      inputSamples += mono.length;
      if (!resampler) {
        yield* chunker.push(mono);
        continue;
      }
      for (let at = 0; at < mono.length; at += slice) yield* chunker.push(resample(mono.subarray(at, at + slice)));
    }
    if (inputSamples === 0) throw invalidAudio(path, 'contains no audio samples (duration 0 s)');
    if (resampler) {
      const tail = resampler.flush();
      options.onBuffer?.('resampled', tail.length);
      yield* chunker.push(tail);
    }
    const last = chunker.flush();
    if (last) yield last;
  } finally {
    await source.close();
  }
}

/** The whole of `path` as mono 24 kHz float32 (for short files; use readAudio24k for long ones). */
export async function readAllAudio24k(path: string): Promise<Float32Array> {
  const chunks: Float32Array[] = [];
  let length = 0;
  for await (const chunk of readAudio24k(path)) {
    chunks.push(chunk);
    length += chunk.length;
  }
  const out = new Float32Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

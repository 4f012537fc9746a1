import { SAMPLE_RATE, SAMPLES_PER_FRAME } from '../domain/contract.js';
import { writeWav, type WavEncoding } from '../audio/wav-writer.js';
import type { DecodeOptions, DecodeRequest, Decoder } from './decoder.js';

/** Decodes `request` straight into a 24 kHz mono WAV file, a chunk at a time; returns the samples written (N·1920). */
export async function decodeToWav(decoder: Decoder, request: DecodeRequest, path: string, options: DecodeOptions & { readonly encoding?: WavEncoding } = {}): Promise<number> {
  const samples = request.codes.frames * SAMPLES_PER_FRAME;
  const blocks = decoder.stream(request, options.layers ? { layers: options.layers } : {});
  await writeWav(path, blocks, samples, SAMPLE_RATE, options.encoding ?? 'pcm16');
  return samples;
}

import { Mp3Encoder } from '@breezystack/lamejs';
import { MPEGDecoder } from 'mpg123-decoder';
import { SAMPLE_RATE } from '../domain/contract.js';
import { resampleAll } from './resample-through.js';

/**
 * Samples LAME's output lags its input by: the encoder delay (576) plus the MDCT decoder delay (529),
 * at the MP3's own sample rate. lamejs writes no LAME/Xing tag, so mpg123's gapless mode cannot trim
 * it for us; measured here as the cross-correlation peak at 24 kHz and 48 kHz, 64..192 kbps (and
 * checked by a test after every round trip).
 */
export const MP3_DELAY_SAMPLES = 1105;
/** Highest constant bitrate of MPEG-2 Layer III, the MPEG version for 24 kHz; above it we encode at 48 kHz (MPEG-1). */
const MPEG2_MAX_KBPS = 160;
/** PCM fed to the encoder per call: one MPEG-1 granule pair. */
const BLOCK = 1152;

function toPcm16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = Math.round(Math.max(-1, Math.min(1, samples[i]!)) * 32767);
  return out;
}

/** Mono 16-bit `samples` at `rate` Hz as a constant-bitrate MP3 stream. */
function encodeMp3(samples: Float32Array, rate: number, kbps: number): Uint8Array {
  const pcm = toPcm16(samples);
  const encoder = new Mp3Encoder(1, rate, kbps);
  const parts: Uint8Array[] = [];
  for (let i = 0; i < pcm.length; i += BLOCK) parts.push(encoder.encodeBuffer(pcm.subarray(i, i + BLOCK)));
  parts.push(encoder.flush());
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (bytes.set(p, at), at + p.length), 0);
  return bytes;
}

/**
 * 24 kHz `samples` through an MP3 at `kbps` (LAME via lamejs, decoded by mpg123) and back, the same
 * length and aligned with the input: the codec delay is cut and the tail zero-padded. Like a real
 * MP3 file it is 16-bit and clips at full scale. Up to 160 kbps it is encoded at 24 kHz (MPEG-2;
 * at 8 kbps LAME itself goes to 8 kHz and the decoded audio is resampled back); above, at 48 kHz.
 */
export async function mp3RoundTrip(samples: Float32Array, kbps: number): Promise<Float32Array> {
  const rate = kbps > MPEG2_MAX_KBPS ? 2 * SAMPLE_RATE : SAMPLE_RATE;
  const input = rate === SAMPLE_RATE ? samples : resampleAll(samples, SAMPLE_RATE, rate);
  const decoder = new MPEGDecoder();
  await decoder.ready;
  let decoded: Float32Array;
  let decodedRate: number;
  try {
    const out = decoder.decode(encodeMp3(input, rate, kbps));
    decoded = out.channelData[0] ?? new Float32Array(0); // mpg123 returns mono as two equal channels
    decodedRate = out.sampleRate;
  } finally {
    decoder.free();
  }
  const aligned = decoded.subarray(Math.min(MP3_DELAY_SAMPLES, decoded.length));
  const back = decodedRate === SAMPLE_RATE ? aligned : resampleAll(aligned, decodedRate, SAMPLE_RATE);
  const result = new Float32Array(samples.length);
  result.set(back.subarray(0, Math.min(back.length, samples.length)));
  return result;
}

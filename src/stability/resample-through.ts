import { SAMPLE_RATE } from '../domain/contract.js';
import { StreamingResampler } from '../audio/streaming-resampler.js';

/** All of `samples` at `rateIn` Hz resampled to `rateOut` Hz (round(length · rateOut / rateIn) samples). */
export function resampleAll(samples: Float32Array, rateIn: number, rateOut: number): Float32Array {
  const resampler = new StreamingResampler(rateIn, rateOut);
  const head = resampler.push(samples);
  const tail = resampler.flush();
  const out = new Float32Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}

/**
 * 24 kHz `samples` resampled down (or up) to `rate` Hz and back to 24 kHz with the project's
 * Kaiser-sinc resampler (no delay to undo: its kernel is centred), cut or zero-padded to the input's length.
 */
export function resampleThrough(samples: Float32Array, rate: number): Float32Array {
  if (rate === SAMPLE_RATE) return Float32Array.from(samples);
  const back = resampleAll(resampleAll(samples, SAMPLE_RATE, rate), rate, SAMPLE_RATE);
  if (back.length === samples.length) return back;
  const out = new Float32Array(samples.length);
  out.set(back.subarray(0, Math.min(back.length, samples.length)));
  return out;
}

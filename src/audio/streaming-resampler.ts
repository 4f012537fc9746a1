import type { ResamplerDesign } from './resampler-design.js';
import { designResampler } from './resampler-design.js';

/**
 * A polyphase resampler that carries its state across chunks, so the output does not depend on how
 * the input is split (bit-exact: every output sample sums the same products in the same order).
 *
 * Output sample n sits at input time n·rateIn/rateOut, with the kernel centred on it: no delay to
 * compensate. Input before the start and after the end counts as silence, and `flush()` emits the tail
 * so that exactly round(T_in · rateOut / rateIn) samples come out in all.
 *
 * Why not libsamplerate-js: measured here on 1 s at 44.1 kHz, its `full()` returns 23 857 samples
 * instead of 24 000 (the filter delay is never flushed), chunked `simple()` calls give 23 998, and
 * SINC_MEDIUM_QUALITY ran at ~34× real time against ~200× for this Kaiser-sinc polyphase filter.
 */
export class StreamingResampler {
  private readonly design: ResamplerDesign;
  private buffer: Float32Array;
  /** Input index of buffer[0]; starts negative because of the implicit silence before the input. */
  private bufferStart: number;
  private bufferLength: number;
  private inputCount = 0;
  private outputCount = 0;
  /** floor(outputCount · down / up) and the remainder, advanced incrementally to stay exact. */
  private base = 0;
  private phase = 0;

  constructor(rateIn: number, rateOut: number) {
    this.design = designResampler(rateIn, rateOut);
    const half = this.design.taps / 2;
    this.buffer = new Float32Array(Math.max(4096, 4 * this.design.taps));
    this.bufferStart = -half;
    this.bufferLength = half; // the leading silence
  }

  /** Feeds input samples; returns every output sample that the input so far determines. */
  push(input: Float32Array): Float32Array {
    this.append(input);
    this.inputCount += input.length;
    return this.produce(Infinity);
  }

  /** Ends the input (call once, after the last push): pads with silence and returns the remaining samples. */
  flush(): Float32Array {
    const { up, down, taps } = this.design;
    const total = Math.round((this.inputCount * up) / down);
    this.append(new Float32Array(taps + Math.ceil(down / up) + 1));
    return this.produce(total);
  }

  private append(input: Float32Array): void {
    const keepFrom = this.base - this.design.taps / 2 + 1 - this.bufferStart;
    if (keepFrom > 0) {
      // Drop input no future output needs, so memory stays bounded by one chunk plus the filter.
      this.buffer.copyWithin(0, keepFrom, this.bufferLength);
      this.bufferStart += keepFrom;
      this.bufferLength -= keepFrom;
    }
    if (this.bufferLength + input.length > this.buffer.length) {
      const grown = new Float32Array(2 * (this.bufferLength + input.length));
      grown.set(this.buffer.subarray(0, this.bufferLength));
      this.buffer = grown;
    }
    this.buffer.set(input, this.bufferLength);
    this.bufferLength += input.length;
  }

  private produce(limit: number): Float32Array {
    const { up, down, taps, phases, coefficients } = this.design;
    const buffer = this.buffer;
    const lastInput = this.bufferStart + this.bufferLength - 1;
    const half = taps / 2;
    // Output n needs inputs up to base(n) + half, where base(n) = this.base + floor((this.phase + n·down) / up).
    const reach = lastInput - half - this.base + 1;
    const available = Math.floor((reach * up - this.phase - 1) / down) + 1;
    const count = Math.max(0, Math.min(available, limit - this.outputCount));
    const out = new Float32Array(count);
    let base = this.base;
    let phase = this.phase;
    for (let n = 0; n < count; n++) {
      const row = (phases === up ? phase : Math.floor((phase * phases) / up)) * taps;
      const start = base - half + 1 - this.bufferStart;
      // Four accumulators let the CPU overlap the multiply-adds (2× faster in V8 than one chain).
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      for (let k = 0; k < taps; k += 4) {
        a0 += coefficients[row + k]! * buffer[start + k]!;
        a1 += coefficients[row + k + 1]! * buffer[start + k + 1]!;
        a2 += coefficients[row + k + 2]! * buffer[start + k + 2]!;
        a3 += coefficients[row + k + 3]! * buffer[start + k + 3]!;
      }
      out[n] = a0 + a1 + (a2 + a3);
      phase += down;
      base += Math.floor(phase / up);
      phase %= up;
    }
    this.base = base;
    this.phase = phase;
    this.outputCount += count;
    return out;
  }
}

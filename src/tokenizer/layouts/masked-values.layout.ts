import { Tensor } from 'onnxruntime-node';
import type { Layout, LayoutIo, LayoutMatch } from '../layout.js';
import { matchCodesOutput } from './match-codes-output.js';
import { tensorText } from './signature-text.js';

/**
 * Layout (a), the Hugging Face style export: `input_values` float32 [B,T] + `padding_mask` int64
 * [B,T] → `audio_codes` int64 [B,N,16], optionally with lengths int64 [B]. The model may return
 * more frames than the audio needs (padding frames); tokenscope keeps the first ceil(T/1920).
 * Like the other layouts it is fed whole frames: the audio zero-padded to a multiple of 1920
 * samples, with the mask 1 over the real samples and 0 over the padding.
 */
export const maskedValuesLayout: Layout = {
  name: 'masked-values',
  summary: 'input_values float32 [B,T] + padding_mask int64 [B,T] → audio_codes int64 [B,N,16] (+ lengths int64 [B])',
  orientation: 'frame-major',

  match(sig): LayoutMatch {
    if (sig.inputs.length !== 2) return { fits: false, reason: `needs 2 inputs, found ${sig.inputs.length}` };
    const waveform = sig.inputs.find((i) => i.type === 'float32' && i.dims.length === 2);
    const mask = sig.inputs.find((i) => i.type === 'int64' && i.dims.length === 2);
    if (!waveform || !mask) {
      return { fits: false, reason: `needs a float32 [B,T] and an int64 [B,T] input, found ${sig.inputs.map(tensorText).join(', ')}` };
    }
    const codes = matchCodesOutput(sig, 'frame-major');
    if (typeof codes === 'string') return { fits: false, reason: codes };
    const lengths = sig.outputs.find((o) => o !== codes && o.type === 'int64' && o.dims.length === 1);
    const io: LayoutIo = { waveform: waveform.name, paddingMask: mask.name, codes: codes.name, ...(lengths ? { lengths: lengths.name } : {}) };
    return { fits: true, io };
  },

  feeds(io, samples, validSamples) {
    const mask = new BigInt64Array(samples.length);
    mask.fill(1n, 0, validSamples);
    return {
      [io.waveform]: new Tensor('float32', samples, [1, samples.length]),
      [io.paddingMask!]: new Tensor('int64', mask, [1, samples.length]),
    };
  },
};

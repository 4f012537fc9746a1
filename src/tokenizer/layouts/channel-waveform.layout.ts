import { Tensor } from 'onnxruntime-node';
import type { Layout, LayoutMatch } from '../layout.js';
import { matchCodesOutput } from './match-codes-output.js';
import { tensorText } from './signature-text.js';

/**
 * Layout (b): `audio_waveform` float32 [B,1,T] with T a multiple of 1920 → `audio_codes` int64
 * [B,16,N] (layer-major). tokenscope feeds whole frames, zero-padded at the end.
 */
export const channelWaveformLayout: Layout = {
  name: 'channel-waveform',
  summary: 'audio_waveform float32 [B,1,T] (T a multiple of 1920) → audio_codes int64 [B,16,N]',
  orientation: 'layer-major',

  match(sig): LayoutMatch {
    const input = sig.inputs[0];
    if (sig.inputs.length !== 1 || !input) return { fits: false, reason: `needs 1 input, found ${sig.inputs.length}` };
    const channels = input.dims[1];
    if (input.type !== 'float32' || input.dims.length !== 3 || (typeof channels === 'number' && channels !== 1)) {
      return { fits: false, reason: `needs a float32 [B,1,T] input, found ${tensorText(input)}` };
    }
    const codes = matchCodesOutput(sig, 'layer-major');
    if (typeof codes === 'string') return { fits: false, reason: codes };
    return { fits: true, io: { waveform: input.name, codes: codes.name } };
  },

  feeds(io, samples) {
    return { [io.waveform]: new Tensor('float32', samples, [1, 1, samples.length]) };
  },
};

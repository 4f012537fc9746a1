import { Tensor } from 'onnxruntime-node';
import type { Layout, LayoutMatch } from '../layout.js';
import { matchCodesOutput } from './match-codes-output.js';
import { tensorText } from './signature-text.js';

/** Layout (c): `audio` float32 [1,T] → `codes` int64 [1,N,16]. tokenscope feeds whole frames, zero-padded. */
export const plainAudioLayout: Layout = {
  name: 'plain-audio',
  summary: 'audio float32 [1,T] → codes int64 [1,N,16]',
  orientation: 'frame-major',

  match(sig): LayoutMatch {
    const input = sig.inputs[0];
    if (sig.inputs.length !== 1 || !input) return { fits: false, reason: `needs 1 input, found ${sig.inputs.length}` };
    if (input.type !== 'float32' || input.dims.length !== 2) {
      return { fits: false, reason: `needs a float32 [1,T] input, found ${tensorText(input)}` };
    }
    const codes = matchCodesOutput(sig, 'frame-major');
    if (typeof codes === 'string') return { fits: false, reason: codes };
    return { fits: true, io: { waveform: input.name, codes: codes.name } };
  },

  feeds(io, samples) {
    return { [io.waveform]: new Tensor('float32', samples, [1, samples.length]) };
  },
};

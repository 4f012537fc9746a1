import { Tensor } from 'onnxruntime-node';
import { LAYER_COUNT } from '../../domain/contract.js';
import type { DecoderLayout, DecoderLayoutMatch } from '../decoder-layout.js';
import { codesInputProblem, matchAudioOutput } from './match-tensors.js';

/**
 * The official decoder module exported as is (Qwen3TTSTokenizerV2Decoder.forward): `audio_codes`
 * (or `codes`) int64 [B,16,N] → `audio_values` float32 [B,1,T], T = N·1920, no lengths output. It
 * decodes every frame it is fed, so tokenscope drops the left context's samples itself.
 */
export const layerMajorLayout: DecoderLayout = {
  name: 'layer-major',
  summary: 'audio_codes int64 [B,16,N] → audio_values float32 [B,1,T]',
  trimsContext: false,

  match(sig): DecoderLayoutMatch {
    const input = sig.inputs[0];
    if (sig.inputs.length !== 1 || !input) return { fits: false, reason: `needs 1 input, found ${sig.inputs.length}` };
    const problem = codesInputProblem(input, 'layer-major');
    if (problem) return { fits: false, reason: problem };
    const audio = matchAudioOutput(sig, [3]);
    if (typeof audio === 'string') return { fits: false, reason: audio };
    return { fits: true, io: { codes: input.name, audio: audio.name } };
  },

  feeds(bound, run) {
    const n = run.tokens.length / LAYER_COUNT;
    const data = new BigInt64Array(run.tokens.length);
    for (let f = 0; f < n; f++) for (let l = 0; l < LAYER_COUNT; l++) data[l * n + f] = BigInt(run.tokens[f * LAYER_COUNT + l]!);
    return { [bound.io.codes]: new Tensor('int64', data, [1, LAYER_COUNT, n]) };
  },
};

import type { DecoderLayout, DecoderLayoutMatch } from '../decoder-layout.js';
import { frameMajorCodes } from './frame-major-feed.js';
import { codesInputProblem, lengthsOutput, matchAudioOutput } from './match-tensors.js';

/**
 * The decoder wrapper exported at opset 18 by several Qwen3-TTS ONNX projects
 * (tokenizer12hz_decode.onnx / _stream.onnx): `audio_codes` int64 [1,N,16] → `audio_values`
 * float32 [1,T] (or [1,1,T]) and `lengths` int64 [1] = frames × 1920. A fixed-shape export may
 * return more samples than `lengths`; tokenscope reads the first `lengths`. It decodes every frame
 * it is fed, so tokenscope drops the left context's samples itself.
 */
export const codesLengthsLayout: DecoderLayout = {
  name: 'codes-lengths',
  summary: 'audio_codes int64 [1,N,16] → audio_values float32 [1,T] (or [1,1,T]) + lengths int64',
  trimsContext: false,

  match(sig): DecoderLayoutMatch {
    const input = sig.inputs[0];
    if (sig.inputs.length !== 1 || !input) return { fits: false, reason: `needs 1 input, found ${sig.inputs.length}` };
    const problem = codesInputProblem(input, 'frame-major');
    if (problem) return { fits: false, reason: problem };
    const audio = matchAudioOutput(sig);
    if (typeof audio === 'string') return { fits: false, reason: audio };
    const lengths = lengthsOutput(sig);
    return { fits: true, io: { codes: input.name, audio: audio.name, ...(lengths ? { lengths: lengths.name } : {}) } };
  },

  feeds(bound, run) {
    return { [bound.io.codes]: frameMajorCodes(run.tokens) };
  },
};

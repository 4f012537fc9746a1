import { Tensor } from 'onnxruntime-node';
import type { DecoderLayout, DecoderLayoutMatch } from '../decoder-layout.js';
import { tensorText } from '../../tokenizer/layouts/signature-text.js';
import { frameMajorCodes } from './frame-major-feed.js';
import { codesInputProblem, lengthsOutput, matchAudioOutput } from './match-tensors.js';

/**
 * The chunked decoder export (tokenizer12hz_decode_chunk.onnx, opset 18): `audio_codes` int64
 * [1,N,16] holding c context frames then the chunk, and `context_frames` int64 [] = c →
 * `audio_values` float32 [1,(N−c)·1920] and `lengths` int64 = (N−c)·1920. The model drops the
 * context's audio itself.
 */
export const contextChunkLayout: DecoderLayout = {
  name: 'context-chunk',
  summary: 'audio_codes int64 [1,N,16] + context_frames int64 [] → audio_values float32 [1,(N−c)·1920] + lengths int64',
  trimsContext: true,

  match(sig): DecoderLayoutMatch {
    if (sig.inputs.length !== 2) return { fits: false, reason: `needs 2 inputs (codes and context_frames), found ${sig.inputs.length}` };
    const codes = sig.inputs.find((i) => i.dims.length === 3);
    const context = sig.inputs.find((i) => i !== codes);
    if (!codes || !context) return { fits: false, reason: `needs an int64 [1,N,16] codes input, found ${sig.inputs.map(tensorText).join(', ')}` };
    const problem = codesInputProblem(codes, 'frame-major');
    if (problem) return { fits: false, reason: problem };
    const scalar = context.dims.length === 0 || (context.dims.length === 1 && (context.dims[0] === 1 || typeof context.dims[0] === 'string'));
    if (context.type !== 'int64' || !scalar) return { fits: false, reason: `needs an int64 scalar context_frames input, found ${tensorText(context)}` };
    const audio = matchAudioOutput(sig);
    if (typeof audio === 'string') return { fits: false, reason: audio };
    const lengths = lengthsOutput(sig);
    return {
      fits: true,
      io: { codes: codes.name, contextFrames: context.name, audio: audio.name, ...(lengths ? { lengths: lengths.name } : {}) },
      contextDims: context.dims.length === 0 ? [] : [1],
    };
  },

  feeds(bound, run) {
    return {
      [bound.io.codes]: frameMajorCodes(run.tokens),
      [bound.io.contextFrames!]: new Tensor('int64', BigInt64Array.of(BigInt(run.context)), [...(bound.contextDims ?? [])]),
    };
  },
};

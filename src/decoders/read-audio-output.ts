import type { Tensor } from 'onnxruntime-node';
import { ErrorCode, TokenscopeError } from '../errors.js';

/**
 * The first `expected` samples of a run's audio output, checked: float32 of shape [1,T] or
 * [1,1,T]; with a lengths output, lengths must equal `expected` and T be at least that (a
 * fixed-shape export pads); without one, T must equal `expected`. Anything else is an INVALID_MODEL
 * naming the expected and received lengths. Returns a view: copy it before the tensor is disposed.
 */
export function readAudioOutput(model: string, name: string, audio: Tensor, lengths: Tensor | undefined, expected: number, what: string): Float32Array {
  const bad = (message: string, received: unknown): TokenscopeError =>
    new TokenscopeError(ErrorCode.INVALID_MODEL, `decoder of model ${model}: output ${name} ${message}`, { output: name, dims: audio.dims, expected, received });
  const shape = `[${audio.dims.join(', ')}]`;
  if (audio.type !== 'float32') throw bad(`holds ${audio.type}; expected float32 samples`, audio.type);
  const mono = audio.dims[0] === 1 && (audio.dims.length === 2 || (audio.dims.length === 3 && audio.dims[1] === 1));
  if (!mono) throw bad(`has shape ${shape}; expected [1, T] or [1, 1, T]`, shape);
  const data = audio.data as Float32Array;
  if (lengths !== undefined) {
    if (lengths.type !== 'int64' || lengths.size < 1) throw bad(`came with a lengths output of type ${lengths.type} and ${lengths.size} values; expected one int64`, lengths.size);
    const declared = Number((lengths.data as BigInt64Array)[0]);
    if (declared !== expected) throw bad(`is declared ${declared} samples long by its lengths output for ${what}; expected ${expected}`, declared);
    if (data.length < expected) throw bad(`holds ${data.length} samples, fewer than its lengths output declares (${declared})`, data.length);
  } else if (data.length !== expected) {
    throw bad(`holds ${data.length} samples for ${what}; expected ${expected}`, data.length);
  }
  return data.subarray(0, expected);
}

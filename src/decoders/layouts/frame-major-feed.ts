import { Tensor } from 'onnxruntime-node';
import { LAYER_COUNT } from '../../domain/contract.js';

/** The int64 [1, n, 16] tensor of frame-major tokens. */
export function frameMajorCodes(tokens: Uint16Array): Tensor {
  const data = new BigInt64Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) data[i] = BigInt(tokens[i]!);
  return new Tensor('int64', data, [1, tokens.length / LAYER_COUNT, LAYER_COUNT]);
}

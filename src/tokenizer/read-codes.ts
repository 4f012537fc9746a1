import type { Tensor } from 'onnxruntime-node';
import { CODEBOOK_SIZE, LAYER_COUNT } from '../domain/contract.js';
import { ErrorCode, TokenscopeError } from '../errors.js';
import type { CodesOrientation } from './layout.js';

/** Where one run's codes go in the whole input's matrix. */
export interface CodesTarget {
  /** Frame-major tokens of the whole input, N × 16. */
  readonly tokens: Uint16Array;
  /** Frame of the whole input that the run's frame `skipFrames` lands on. */
  readonly firstFrame: number;
  /** Leading frames of the run's output to drop (context frames of a contextual chunk). */
  readonly skipFrames: number;
  /** Frames to copy. */
  readonly frames: number;
  /** Frames the run's input covered; the model must return at least this many. */
  readonly inputFrames: number;
}

/**
 * Validates a run's codes output and copies frames [skipFrames, skipFrames + frames) into the
 * target. The output must be int64 of shape [1,N,16] or [1,16,N] (per `orientation`) with
 * N ≥ inputFrames and every copied token in 0..2047; extra trailing frames (padding) are dropped.
 * `validFrames`, a model's own lengths output, must not be below `inputFrames` either.
 */
export function copyCodes(model: string, name: string, tensor: Tensor, orientation: CodesOrientation, target: CodesTarget, validFrames?: number): void {
  const shape = `[${tensor.dims.join(', ')}]`;
  const bad = (message: string): TokenscopeError =>
    new TokenscopeError(ErrorCode.INVALID_MODEL, `model ${model}: output ${name} ${message}`, { output: name, dims: tensor.dims, type: tensor.type });
  if (tensor.type !== 'int64') throw bad(`holds ${tensor.type}; expected int64 tokens`);
  if (tensor.dims.length !== 3 || tensor.dims[0] !== 1) throw bad(`has shape ${shape}; expected [1, N, 16] or [1, 16, N]`);
  const layerAxis = orientation === 'frame-major' ? 2 : 1;
  const n = orientation === 'frame-major' ? tensor.dims[1]! : tensor.dims[2]!;
  if (tensor.dims[layerAxis] !== LAYER_COUNT) throw bad(`has shape ${shape}: ${tensor.dims[layerAxis]} layers on axis ${layerAxis}; expected ${LAYER_COUNT}`);
  if (n < target.inputFrames) throw bad(`has shape ${shape}: ${n} frames for an input of ${target.inputFrames} whole frames`);
  if (validFrames !== undefined && validFrames < target.inputFrames) {
    throw bad(`is declared ${validFrames} frames long by its lengths output for an input of ${target.inputFrames} whole frames`);
  }
  const data = tensor.data as BigInt64Array;
  const frameStride = orientation === 'frame-major' ? LAYER_COUNT : 1;
  const layerStride = orientation === 'frame-major' ? 1 : n;
  for (let f = 0; f < target.frames; f++) {
    const src = (target.skipFrames + f) * frameStride;
    const dst = (target.firstFrame + f) * LAYER_COUNT;
    for (let l = 0; l < LAYER_COUNT; l++) {
      const v = data[src + l * layerStride]!;
      if (v < 0n || v >= BigInt(CODEBOOK_SIZE)) {
        throw new TokenscopeError(
          ErrorCode.INVALID_MODEL,
          `model ${model}: output ${name} holds token ${v} at frame ${target.firstFrame + f}, layer ${l + 1}; tokens must be 0..${CODEBOOK_SIZE - 1}`,
          { output: name, frame: target.firstFrame + f, layer: l + 1, value: v.toString() },
        );
      }
      target.tokens[dst + l] = Number(v);
    }
  }
}

/** The first value of an int64 lengths output, or undefined when it is missing or empty. */
export function firstLength(tensor: Tensor | undefined): number | undefined {
  if (!tensor || tensor.type !== 'int64' || tensor.size === 0) return undefined;
  return Number((tensor.data as BigInt64Array)[0]);
}

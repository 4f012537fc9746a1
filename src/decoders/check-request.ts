import { ALL_LAYERS, CODEBOOK_SIZE, LAYER_COUNT } from '../domain/contract.js';
import { ErrorCode, invalidArgument, TokenscopeError } from '../errors.js';
import type { DecodeOptions, DecodeRequest, DecoderInfo } from './decoder.js';

/**
 * Validates a decode request before anything runs and returns the layers to keep (ascending):
 * MODEL_MISMATCH for codes of another model (another id, or another encoder sha256 where the codes
 * record one); INVALID_CODES for an empty matrix, a token array that is not N × 16, or a token
 * outside 0..2047 (naming its frame and layer); INVALID_ARGUMENT for layer numbers outside 1..16;
 * UNSUPPORTED_OPERATION for an ablation the decoder cannot do, saying why.
 */
export function checkDecodeRequest(info: DecoderInfo, request: DecodeRequest, options: DecodeOptions = {}): readonly number[] {
  const { codes, model } = request;
  if (model.id !== info.modelId) {
    throw new TokenscopeError(ErrorCode.MODEL_MISMATCH, `codes: the decoder of model '${info.modelId}' decodes that model's codes, got codes of '${model.id}'`, { expected: info.modelId, received: model.id });
  }
  if (model.sha256 !== null && model.sha256 !== info.modelSha256) {
    throw new TokenscopeError(ErrorCode.MODEL_MISMATCH, `codes: model '${info.modelId}' is the encoder with ONNX sha256 ${info.modelSha256}, got codes encoded by sha256 ${model.sha256}`, { expected: info.modelSha256, received: model.sha256 });
  }
  const { tokens, frames } = codes;
  if (!(tokens instanceof Uint16Array) || tokens.length % LAYER_COUNT !== 0 || tokens.length !== frames * LAYER_COUNT) {
    throw new TokenscopeError(ErrorCode.INVALID_CODES, `codes: expected ${LAYER_COUNT} layers per frame (a frame-major N × ${LAYER_COUNT} matrix), got ${tokens.length} tokens for ${frames} frames`, { frames, tokens: tokens.length });
  }
  if (frames === 0) throw new TokenscopeError(ErrorCode.INVALID_CODES, 'codes: expected at least 1 frame, got an empty matrix (0 frames)', { frames });
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]! >= CODEBOOK_SIZE) {
      const frame = Math.floor(i / LAYER_COUNT);
      const layer = (i % LAYER_COUNT) + 1;
      throw new TokenscopeError(ErrorCode.INVALID_CODES, `codes: tokens must be 0..${CODEBOOK_SIZE - 1}, got ${tokens[i]} at frame ${frame}, layer ${layer}`, { frame, layer, value: tokens[i] });
    }
  }
  const layers = checkLayers(options.layers);
  if (layers.length < LAYER_COUNT && info.ablation.kind === 'none') {
    throw new TokenscopeError(
      ErrorCode.UNSUPPORTED_OPERATION,
      `layers: the ${info.summary} decoder of model '${info.modelId}' cannot decode layers ${layersText(layers)} only: ${info.ablation.reason}`,
      { layers, decoder: info.kind },
    );
  }
  return layers;
}

/** The layer selection, checked (integers 1..16, at least one) and sorted without repeats; all 16 when absent. */
export function checkLayers(layers: readonly number[] | undefined): readonly number[] {
  if (layers === undefined) return ALL_LAYERS;
  if (layers.length === 0) throw invalidArgument('layers: expected at least one layer number 1..16, got none');
  for (const l of layers) {
    if (!Number.isInteger(l) || l < 1 || l > LAYER_COUNT) throw invalidArgument(`layers: expected layer numbers 1..${LAYER_COUNT}, got ${l}`, { layer: l });
  }
  return [...new Set(layers)].sort((a, b) => a - b);
}

/** `1-8`, `1-4, 9, 12`: a layer selection as messages and the CLI write it. */
export function layersText(layers: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < layers.length; ) {
    let j = i;
    while (j + 1 < layers.length && layers[j + 1] === layers[j]! + 1) j++;
    parts.push(j === i ? `${layers[i]}` : `${layers[i]}-${layers[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/**
 * Codes of a tokenscope-ref model → dequantized features → samples: the helper a decoder contract
 * wraps. Any set of layers may be summed (layers 1..k for an ablation, or any chosen layers; the
 * others count as zero vectors), then the sum is mapped back to raw feature units and decoded.
 */
import type { Codebooks } from '../../codebooks/codebooks.js';
import { invalidModel } from '../../codebooks/codebooks.js';
import type { CodeMatrix } from '../../domain/code-matrix.js';
import { ALL_LAYERS, LAYER_COUNT, isLayerNumber } from '../../domain/contract.js';
import { ErrorCode, TokenscopeError, invalidArgument } from '../../errors.js';
import { FEATURE_DIM } from './feature-layout.js';
import { referenceDecode } from './reference-decode.js';
import type { ReferenceDecoderOptions } from './reference-decoder-options.js';
import { destandardise } from './reference-normalisation.js';
import type { FeatureNormalisation } from './reference-normalisation.js';

/** Layers 1..k, for an ablation that keeps the first k layers. */
export function firstLayers(k: number): number[] {
  if (!isLayerNumber(k)) throw invalidArgument(`layers: expected an integer from 1 to ${LAYER_COUNT}; received ${k}`, { argument: 'layers', value: k });
  return ALL_LAYERS.slice(0, k);
}

/**
 * Standardised features of every frame: the sum, in float64 rounded once, of the codebook vectors
 * the frame's tokens choose in `layers` (layer numbers 1..16, each at most once, in any order).
 */
export function dequantizeLayers(matrix: CodeMatrix, codebooks: Codebooks, layers: readonly number[]): Float32Array {
  if (layers.length === 0 || layers.some((l) => !isLayerNumber(l)) || new Set(layers).size !== layers.length) {
    throw invalidArgument(`layers: expected distinct layer numbers from 1 to ${LAYER_COUNT}, at least one; received [${layers.join(', ')}]`, { argument: 'layers', layers: [...layers] });
  }
  if (codebooks.dim !== FEATURE_DIM) throw invalidModel(`codebooks: expected vectors of ${FEATURE_DIM} values (a tokenscope-ref model); received ${codebooks.dim}`, { dim: codebooks.dim });
  const { frames, tokens } = matrix;
  const sorted = [...layers].sort((a, b) => a - b);
  const sum = new Float64Array(frames * FEATURE_DIM);
  for (const layer of sorted) {
    const base = (layer - 1) * codebooks.entries;
    for (let f = 0; f < frames; f++) {
      const token = tokens[f * LAYER_COUNT + layer - 1]!;
      if (token >= codebooks.entries) throw new TokenscopeError(ErrorCode.INVALID_CODES, `codes: expected tokens 0..${codebooks.entries - 1}; received ${token} at frame ${f}, layer ${layer}`, { frame: f, layer, token });
      const at = (base + token) * FEATURE_DIM;
      const to = f * FEATURE_DIM;
      for (let d = 0; d < FEATURE_DIM; d++) sum[to + d] += codebooks.vectors[at + d]!;
    }
  }
  return Float32Array.from(sum);
}

/** Samples (frames · 1920) decoded from `matrix` using the tokens of `layers` only. */
export function decodeReferenceCodes(
  matrix: CodeMatrix,
  codebooks: Codebooks,
  norm: FeatureNormalisation,
  layers: readonly number[] = ALL_LAYERS,
  options: Partial<ReferenceDecoderOptions> = {},
): Float32Array {
  if (matrix.frames < 1) throw new TokenscopeError(ErrorCode.INVALID_CODES, `codes: expected at least 1 frame; received 0`, { frames: 0 });
  return referenceDecode(destandardise(dequantizeLayers(matrix, codebooks, layers), norm), matrix.frames, options);
}

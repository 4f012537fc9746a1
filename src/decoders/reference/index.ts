/**
 * The reference decoder's public surface (what a decoder contract wraps): raw tokenscope-ref
 * features → samples, codes → features → samples for any set of layers, and the model's
 * standardisation. Method and figures: docs/reference-decoder.md.
 */
export { contextFrames, referenceDecode, referenceDecodeRange } from './reference-decode.js';
export type { ReferenceDecoderOptions } from './reference-decoder-options.js';
export { DEFAULT_REFERENCE_DECODER_OPTIONS, referenceDecoderOptions } from './reference-decoder-options.js';
export { decodeReferenceCodes, dequantizeLayers, firstLayers } from './decode-codes.js';
export type { FeatureNormalisation } from './reference-normalisation.js';
export { destandardise, parseReferenceNormalisation, readReferenceNormalisation } from './reference-normalisation.js';
export { FEATURE_DIM } from './feature-layout.js';
export { checkDecodeThreads, defaultDecodeThreads, ReferenceDecodePool } from './decode-pool.js';

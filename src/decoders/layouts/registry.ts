import { ErrorCode, TokenscopeError } from '../../errors.js';
import type { ModelSignature } from '../../onnx/model-signature.js';
import type { DecoderLayoutName } from '../../tokenizer/decoder-spec.js';
import { signatureText } from '../../tokenizer/layouts/signature-text.js';
import type { BoundDecoderIo, DecoderLayout } from '../decoder-layout.js';
import { codesLengthsLayout } from './codes-lengths.layout.js';
import { contextChunkLayout } from './context-chunk.layout.js';
import { layerMajorLayout } from './layer-major.layout.js';

/** Every supported ONNX decoder layout, in the order detection tries them (DECODER_LAYOUT_NAMES). */
export const DECODER_LAYOUTS: readonly DecoderLayout[] = [contextChunkLayout, codesLengthsLayout, layerMajorLayout];

/** The decoder layout called `name`. */
export function decoderLayoutByName(name: DecoderLayoutName): DecoderLayout {
  return DECODER_LAYOUTS.find((l) => l.name === name)!;
}

/** A decoder layout bound to one model's tensor names. */
export interface BoundDecoderLayout extends BoundDecoderIo {
  readonly layout: DecoderLayout;
}

/**
 * Finds the layout a decoder fits from its declared inputs and outputs (`only` pins one, as a
 * manifest does). Throws INVALID_MODEL naming what the model declares and why each layout does not fit.
 */
export function detectDecoderLayout(sig: ModelSignature, what: string, only?: DecoderLayoutName): BoundDecoderLayout {
  const candidates = only ? [decoderLayoutByName(only)] : DECODER_LAYOUTS;
  const reasons: string[] = [];
  for (const layout of candidates) {
    const m = layout.match(sig);
    if (m.fits) return { layout, io: m.io, ...(m.contextDims ? { contextDims: m.contextDims } : {}) };
    reasons.push(`${layout.name}: ${m.reason}`);
  }
  throw new TokenscopeError(
    ErrorCode.INVALID_MODEL,
    `${what} fits ${only ? `not the decoder layout ${only}` : 'no supported decoder layout'}. Found ${signatureText(sig)}. ${reasons.join('; ')}`,
    { found: sig, reasons },
  );
}

import { ErrorCode, TokenscopeError } from '../../errors.js';
import type { ModelSignature } from '../../onnx/model-signature.js';
import type { Layout, LayoutIo, LayoutName } from '../layout.js';
import { channelWaveformLayout } from './channel-waveform.layout.js';
import { maskedValuesLayout } from './masked-values.layout.js';
import { plainAudioLayout } from './plain-audio.layout.js';
import { signatureText } from './signature-text.js';

/** Every supported layout, in the order detection tries them. */
export const LAYOUTS: readonly Layout[] = [maskedValuesLayout, channelWaveformLayout, plainAudioLayout];

/** True when `name` names a supported layout. */
export function isLayoutName(name: unknown): name is LayoutName {
  return LAYOUTS.some((l) => l.name === name);
}

/** The layout called `name`. */
export function layoutByName(name: LayoutName): Layout {
  return LAYOUTS.find((l) => l.name === name)!;
}

/** A layout bound to one model's tensor names. */
export interface BoundLayout {
  readonly layout: Layout;
  readonly io: LayoutIo;
}

/**
 * Finds the layout a model fits, from its declared inputs and outputs (`only` restricts the search
 * to one layout, as a manifest does). Throws INVALID_MODEL naming what the model declares and why
 * each layout does not fit.
 */
export function detectLayout(sig: ModelSignature, what: string, only?: LayoutName): BoundLayout {
  const candidates = only ? [layoutByName(only)] : LAYOUTS;
  const reasons: string[] = [];
  for (const layout of candidates) {
    const m = layout.match(sig);
    if (m.fits) return { layout, io: m.io };
    reasons.push(`${layout.name}: ${m.reason}`);
  }
  throw new TokenscopeError(
    ErrorCode.INVALID_MODEL,
    `${what} fits ${only ? `not the layout ${only}` : 'no supported encoder layout'}. Found ${signatureText(sig)}. ${reasons.join('; ')}`,
    { found: sig, reasons },
  );
}

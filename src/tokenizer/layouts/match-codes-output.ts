import { LAYER_COUNT } from '../../domain/contract.js';
import type { ModelSignature, TensorSignature } from '../../onnx/model-signature.js';
import type { CodesOrientation } from '../layout.js';
import { tensorText } from './signature-text.js';

/** Names a codes output goes by in public exports, in order of preference when several fit. */
const CODES_NAMES = ['audio_codes', 'codes'];

/**
 * Finds the codes output of a model whose layer axis lies as `orientation` says: a rank-3 int64
 * tensor [B, N, 16] (frame-major) or [B, 16, N] (layer-major), B 1 or symbolic. A symbolic layer
 * axis is accepted here and checked on every run. Returns the output or why none fits.
 */
export function matchCodesOutput(sig: ModelSignature, orientation: CodesOrientation): TensorSignature | string {
  const rank3 = sig.outputs.filter((o) => o.dims.length === 3);
  if (rank3.length === 0) {
    const named = sig.outputs.find((o) => CODES_NAMES.includes(o.name));
    const found = named ?? sig.outputs[0];
    return found
      ? `codes output ${tensorText(found)} has rank ${found.dims.length}; expected rank 3`
      : 'the model has no outputs';
  }
  const codes = rank3.length === 1 ? rank3[0]! : CODES_NAMES.map((n) => rank3.find((o) => o.name === n)).find((o) => o !== undefined);
  if (!codes) return `several rank-3 outputs (${rank3.map(tensorText).join(', ')}) and none named ${CODES_NAMES.join(' or ')}`;
  if (codes.type !== 'int64') return `codes output ${tensorText(codes)} holds ${codes.type}; expected int64 tokens`;
  const batch = codes.dims[0];
  if (typeof batch === 'number' && batch !== 1) return `codes output ${tensorText(codes)} has batch ${batch}; expected 1 or symbolic`;
  const axis = orientation === 'frame-major' ? 2 : 1;
  const layers = codes.dims[axis];
  if (typeof layers === 'number' && layers !== LAYER_COUNT) {
    return `codes output ${tensorText(codes)} has ${layers} layers on axis ${axis}; expected ${LAYER_COUNT}`;
  }
  const framesAxis = 3 - axis;
  if (typeof layers !== 'number' && codes.dims[framesAxis] === LAYER_COUNT) {
    return `codes output ${tensorText(codes)} has ${LAYER_COUNT} on axis ${framesAxis}, the frames axis of this layout; expected ${orientation === 'frame-major' ? '[B, N, 16]' : '[B, 16, N]'}`;
  }
  return codes;
}

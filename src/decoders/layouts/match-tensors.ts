import { LAYER_COUNT } from '../../domain/contract.js';
import type { ModelSignature, TensorSignature } from '../../onnx/model-signature.js';
import { tensorText } from '../../tokenizer/layouts/signature-text.js';

/** Where the layer axis of a codes input lies: [B,N,16] is frame-major, [B,16,N] layer-major. */
export type CodesInputOrientation = 'frame-major' | 'layer-major';

/**
 * Checks that `input` is an int64 codes tensor of rank 3 with its layer axis where `orientation`
 * says (16, or symbolic: the probe run at `models add` settles it) and batch 1 or symbolic.
 * Returns why not, or undefined when it fits.
 */
export function codesInputProblem(input: TensorSignature, orientation: CodesInputOrientation): string | undefined {
  const shape = orientation === 'frame-major' ? '[1, N, 16]' : '[B, 16, N]';
  if (input.type !== 'int64' || input.dims.length !== 3) return `needs an int64 ${shape} codes input, found ${tensorText(input)}`;
  const batch = input.dims[0];
  if (typeof batch === 'number' && batch !== 1) return `codes input ${tensorText(input)} has batch ${batch}; expected 1 or symbolic`;
  const layerAxis = orientation === 'frame-major' ? 2 : 1;
  const layers = input.dims[layerAxis];
  const frames = input.dims[3 - layerAxis];
  if (typeof layers === 'number' && layers !== LAYER_COUNT) return `codes input ${tensorText(input)} has ${layers} on axis ${layerAxis}; expected ${LAYER_COUNT} layers there (${shape})`;
  if (typeof layers !== 'number' && frames === LAYER_COUNT) return `codes input ${tensorText(input)} has ${LAYER_COUNT} on axis ${3 - layerAxis}; expected ${shape}`;
  return undefined;
}

/** Names an audio output goes by in public exports, in order of preference when several fit. */
const AUDIO_NAMES = ['audio_values', 'audio', 'wav'];

/** The float32 audio output, [B,T] or [B,1,T] with B 1 or symbolic, or why none fits. */
export function matchAudioOutput(sig: ModelSignature, ranks: readonly number[] = [2, 3]): TensorSignature | string {
  const floats = sig.outputs.filter((o) => o.type === 'float32');
  if (floats.length === 0) return `needs a float32 audio output, found ${sig.outputs.map(tensorText).join(', ') || 'no outputs'}`;
  const audio = floats.length === 1 ? floats[0]! : AUDIO_NAMES.map((n) => floats.find((o) => o.name === n)).find((o) => o !== undefined);
  if (!audio) return `several float32 outputs (${floats.map(tensorText).join(', ')}) and none named ${AUDIO_NAMES.join(', ')}`;
  const want = ranks.map((r) => (r === 2 ? '[1, T]' : '[1, 1, T]')).join(' or ');
  if (!ranks.includes(audio.dims.length)) return `audio output ${tensorText(audio)} has rank ${audio.dims.length}; expected ${want}`;
  const batch = audio.dims[0];
  if (typeof batch === 'number' && batch !== 1) return `audio output ${tensorText(audio)} has batch ${batch}; expected 1 or symbolic`;
  const channels = audio.dims[1];
  if (audio.dims.length === 3 && typeof channels === 'number' && channels !== 1) return `audio output ${tensorText(audio)} has ${channels} channels; expected mono ${want}`;
  return audio;
}

/** The int64 lengths output of at most rank 2 (one value per batch item), if the model has one. */
export function lengthsOutput(sig: ModelSignature): TensorSignature | undefined {
  return sig.outputs.find((o) => o.type === 'int64' && o.dims.length <= 2);
}

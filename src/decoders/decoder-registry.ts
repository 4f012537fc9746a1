import { ErrorCode, notFound, TokenscopeError } from '../errors.js';
import type { DecoderSpec } from '../tokenizer/decoder-spec.js';
import type { LoadedModel } from '../tokenizer/open-tokenizer.js';
import { contractDecoder } from './contract-decoder.js';
import type { Decoder, DecoderBackend } from './decoder.js';
import { openOnnxDecoder, type OnnxDecoderOptions } from './open-onnx-decoder.js';
import { openReferenceDecoder } from './reference-backend.js';

/** Options of `openDecoder`, passed on to the decoder kind. */
export type OpenDecoderOptions = OnnxDecoderOptions;

/** Opens the backend of one decoder kind for a model whose manifest names a decoder of that kind. */
export type DecoderFactory = (model: LoadedModel, spec: DecoderSpec, options: OpenDecoderOptions) => Promise<DecoderBackend>;

const factories = new Map<DecoderSpec['kind'], DecoderFactory>([
  ['onnx', (model, spec, options) => openOnnxDecoder(model, spec as Extract<DecoderSpec, { kind: 'onnx' }>, options)],
  ['reference', (model, spec) => openReferenceDecoder(model, spec as Extract<DecoderSpec, { kind: 'reference' }>)],
]);

/**
 * Plugs a decoder kind in (the built-in kinds are `onnx` and `reference`, the reference decoder of
 * tokenscope's own encoder); a later registration of the same kind replaces the earlier one.
 */
export function registerDecoderKind(kind: DecoderSpec['kind'], factory: DecoderFactory): void {
  factories.set(kind, factory);
}

/** The decoder kinds that can be opened now. */
export function decoderKinds(): readonly string[] {
  return [...factories.keys()].sort();
}

/**
 * Opens the decoder a model's manifest names, behind the decoder contract (validated requests,
 * exactly N·1920 samples). NOT_FOUND when the model names no decoder;
 * UNSUPPORTED_OPERATION when its kind is not available in this build.
 */
export async function openDecoder(model: LoadedModel, options: OpenDecoderOptions = {}): Promise<Decoder> {
  const spec = model.manifest.decoder;
  if (spec === undefined) {
    throw notFound(`model '${model.manifest.id}' names no decoder; add one with \`tokenscope models add-decoder ${model.manifest.id} <decoder.onnx>\``, { id: model.manifest.id });
  }
  const factory = factories.get(spec.kind);
  if (!factory) {
    throw new TokenscopeError(ErrorCode.UNSUPPORTED_OPERATION, `model '${model.manifest.id}': decoder kind '${spec.kind}' is not available in this build (available: ${decoderKinds().join(', ')})`, { kind: spec.kind });
  }
  return contractDecoder(await factory(model, spec, options));
}

import type { Tensor } from 'onnxruntime-node';
import type { ModelSignature } from '../onnx/model-signature.js';
import type { DecoderIo, DecoderLayoutName } from '../tokenizer/decoder-spec.js';

/** A layout bound to one decoder's tensor names (and, for the context input, its declared rank). */
export interface BoundDecoderIo {
  readonly io: DecoderIo;
  /** Dims of the context_frames input: [] for a scalar, [1] for a one-element vector. */
  readonly contextDims?: readonly number[];
}

/** The result of matching a decoder layout against a model's declared inputs and outputs. */
export type DecoderLayoutMatch = ({ readonly fits: true } & BoundDecoderIo) | { readonly fits: false; readonly reason: string };

/** One run of a decoder: frames [start − context, start + frames) of the codes. */
export interface DecodeRun {
  /** Frame-major tokens of the run's frames, context first: (context + frames) × 16. */
  readonly tokens: Uint16Array;
  /** Leading frames fed as context only (their audio is discarded). */
  readonly context: number;
  /** Frames whose audio the run produces. */
  readonly frames: number;
}

/** One supported ONNX decoder layout: how to recognise it and feed it. */
export interface DecoderLayout {
  readonly name: DecoderLayoutName;
  /** One line for messages, listings and docs. */
  readonly summary: string;
  /**
   * True when the model drops the context frames' audio itself (it is told how many through its
   * context input); false when it decodes every frame fed and tokenscope drops the context's samples.
   */
  readonly trimsContext: boolean;
  match(signature: ModelSignature): DecoderLayoutMatch;
  feeds(bound: BoundDecoderIo, run: DecodeRun): Record<string, Tensor>;
}

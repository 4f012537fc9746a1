import type { Tensor } from 'onnxruntime-node';
import type { ModelSignature } from '../onnx/model-signature.js';

/**
 * The encoder input/output layouts tokenscope knows (the three seen in public
 * Qwen3-TTS-Tokenizer-12Hz exports):
 * - `masked-values` (a): `input_values` float32 [B,T] + `padding_mask` int64 [B,T] → `audio_codes` int64 [B,N,16] (+ lengths int64 [B])
 * - `channel-waveform` (b): `audio_waveform` float32 [B,1,T], T a multiple of 1920 → `audio_codes` int64 [B,16,N]
 * - `plain-audio` (c): `audio` float32 [1,T] → `codes` int64 [1,N,16]
 */
export type LayoutName = 'masked-values' | 'channel-waveform' | 'plain-audio';

/** The tensor names a model uses in its layout. */
export interface LayoutIo {
  /** The float32 waveform input. */
  readonly waveform: string;
  /** The int64 padding-mask input (masked-values only): 1 over real samples, 0 over padding. */
  readonly paddingMask?: string;
  /** The int64 codes output. */
  readonly codes: string;
  /** The optional int64 [B] output giving the number of valid frames (masked-values only). */
  readonly lengths?: string;
}

/** Where the layer axis of the codes output lies: [B,N,16] is frame-major, [B,16,N] layer-major. */
export type CodesOrientation = 'frame-major' | 'layer-major';

/** The result of matching a layout against a model's declared inputs and outputs. */
export type LayoutMatch = { readonly fits: true; readonly io: LayoutIo } | { readonly fits: false; readonly reason: string };

/** One supported layout: how to recognise it, feed it and read its codes. */
export interface Layout {
  readonly name: LayoutName;
  /** One line for messages and listings. */
  readonly summary: string;
  readonly orientation: CodesOrientation;
  match(signature: ModelSignature): LayoutMatch;
  /**
   * Feeds for one run. `samples` holds whole frames (length a multiple of 1920, zero-padded);
   * the first `validSamples` of them are real audio.
   */
  feeds(io: LayoutIo, samples: Float32Array, validSamples: number): Record<string, Tensor>;
}

/**
 * The `decoder` field of a model manifest: how the model's codes are turned back into audio. The
 * decoders themselves live in src/decoders/; the manifest (and so this file) only says which one.
 */

/**
 * ONNX decoder layouts seen in public Qwen3-TTS-Tokenizer-12Hz decoder exports (docs/decoders.md):
 * - `codes-lengths`: `audio_codes` int64 [1,N,16] → `audio_values` float32 [1,T] (or [1,1,T]) + `lengths` int64
 * - `context-chunk`: `audio_codes` int64 [1,N,16] + `context_frames` int64 [] → `audio_values` float32 [1,(N−c)·1920] + `lengths` int64
 * - `layer-major`: `audio_codes` int64 [B,16,N] → `audio_values` float32 [B,1,T]
 */
export type DecoderLayoutName = 'codes-lengths' | 'context-chunk' | 'layer-major';

/** Every ONNX decoder layout name, in the order detection tries them. */
export const DECODER_LAYOUT_NAMES: readonly DecoderLayoutName[] = ['context-chunk', 'codes-lengths', 'layer-major'];

/** The tensor names an ONNX decoder uses in its layout. */
export interface DecoderIo {
  /** The int64 codes input. */
  readonly codes: string;
  /** The int64 scalar input giving how many leading frames are context (context-chunk only). */
  readonly contextFrames?: string;
  /** The float32 audio output. */
  readonly audio: string;
  /** The int64 output giving the number of valid samples, when the model has one. */
  readonly lengths?: string;
}

/** Frames decoded per run by default: the official chunked_decode's chunk_size (24 s). */
export const DEFAULT_DECODE_CHUNK_FRAMES = 300;
/** Frames of left context fed before each chunk by default: the official chunked_decode's left_context_size (2 s). */
export const DEFAULT_DECODE_CONTEXT_FRAMES = 25;

/** A decoder that is an ONNX file in one of the known layouts. */
export interface OnnxDecoderSpec {
  readonly kind: 'onnx';
  readonly layout: DecoderLayoutName;
  /** The ONNX file: relative to the model folder, or absolute. */
  readonly onnx: string;
  /** sha256 of the ONNX file, lowercase hex. */
  readonly sha256: string;
  readonly io: DecoderIo;
  /** Frames whose audio one run produces (default 300). */
  readonly chunkFrames: number;
  /** Frames of left context fed before each chunk, whose audio is discarded (default 25; 0 for a frame-local decoder). */
  readonly contextFrames: number;
  /** Where the decoder came from and how the ONNX file was made. */
  readonly provenance: string;
}

/** A decoder implemented in tokenscope itself (the reference decoder of tokenscope's own encoder), found by kind in the decoder registry. */
export interface BuiltInDecoderSpec {
  readonly kind: 'reference';
  /** Settings the decoder kind reads and validates itself. */
  readonly options?: Readonly<Record<string, unknown>>;
}

/** What a manifest's `decoder` field holds. */
export type DecoderSpec = OnnxDecoderSpec | BuiltInDecoderSpec;

/** True when `name` names an ONNX decoder layout. */
export function isDecoderLayoutName(name: unknown): name is DecoderLayoutName {
  return DECODER_LAYOUT_NAMES.includes(name as DecoderLayoutName);
}

/** Validates a manifest's `decoder` field; `fail` throws the manifest's INVALID_MODEL with the message. */
export function parseDecoderSpec(value: unknown, fail: (message: string) => never): DecoderSpec {
  const got = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(`field 'decoder' must be an object, got ${got(value)}`);
  const o = value as Record<string, unknown>;
  const only = (fields: readonly string[]) => {
    for (const key of Object.keys(o)) if (!fields.includes(key)) fail(`unknown field 'decoder.${key}' for a decoder of kind ${got(o['kind'])} (fields: ${fields.join(', ')})`);
  };
  if (o['kind'] === 'reference') {
    only(['kind', 'options']);
    const options = o['options'];
    if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) fail(`field 'decoder.options' must be an object, got ${got(options)}`);
    return { kind: 'reference', ...(options !== undefined ? { options: options as Record<string, unknown> } : {}) };
  }
  if (o['kind'] !== 'onnx') return fail(`field 'decoder.kind' must be onnx or reference, got ${got(o['kind'])}`);
  only(['kind', 'layout', 'onnx', 'sha256', 'io', 'chunkFrames', 'contextFrames', 'provenance']);
  const text = (key: string, pattern?: RegExp, what = 'a non-empty string'): string => {
    const v = o[key];
    if (typeof v !== 'string' || v.trim() === '' || (pattern && !pattern.test(v))) fail(`field 'decoder.${key}' must be ${what}, got ${got(v)}`);
    return v as string;
  };
  const layout = o['layout'];
  if (!isDecoderLayoutName(layout)) return fail(`field 'decoder.layout' must be one of ${DECODER_LAYOUT_NAMES.join(', ')}, got ${got(layout)}`);
  const io = o['io'];
  if (typeof io !== 'object' || io === null || Array.isArray(io)) return fail(`field 'decoder.io' must be an object of tensor names, got ${got(io)}`);
  const names = io as Record<string, unknown>;
  const required = layout === 'context-chunk' ? ['codes', 'contextFrames', 'audio'] : ['codes', 'audio'];
  const optional = layout === 'layer-major' ? [] : ['lengths'];
  for (const k of Object.keys(names)) if (![...required, ...optional].includes(k)) fail(`field 'decoder.io.${k}' is not a tensor role of layout ${layout} (${[...required, ...optional].join(', ')})`);
  for (const k of [...required, ...optional]) {
    if ((required.includes(k) || names[k] !== undefined) && (typeof names[k] !== 'string' || names[k] === '')) fail(`field 'decoder.io.${k}' must be a tensor name, got ${got(names[k])}`);
  }
  const frames = (key: string, min: number): number => {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) fail(`field 'decoder.${key}' must be an integer ≥ ${min} (frames), got ${got(v)}`);
    return v as number;
  };
  return {
    kind: 'onnx',
    layout,
    onnx: text('onnx', undefined, 'the path of the decoder ONNX file'),
    sha256: text('sha256', /^[0-9a-f]{64}$/, '64 lowercase hex digits'),
    io: {
      codes: names['codes'] as string,
      ...(names['contextFrames'] !== undefined ? { contextFrames: names['contextFrames'] as string } : {}),
      audio: names['audio'] as string,
      ...(names['lengths'] !== undefined ? { lengths: names['lengths'] as string } : {}),
    },
    chunkFrames: frames('chunkFrames', 1),
    contextFrames: frames('contextFrames', 0),
    provenance: text('provenance'),
  };
}

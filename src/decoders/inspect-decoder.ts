import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { LAYER_COUNT } from '../domain/contract.js';
import { ErrorCode, invalidArgument, notFound, TokenscopeError } from '../errors.js';
import type { ModelSignature } from '../onnx/model-signature.js';
import { DEFAULT_DECODE_CHUNK_FRAMES, DEFAULT_DECODE_CONTEXT_FRAMES, type DecoderIo, type DecoderLayoutName, type OnnxDecoderSpec } from '../tokenizer/decoder-spec.js';
import { createSession } from '../tokenizer/onnx-session.js';
import { sessionSignature } from '../tokenizer/session-signature.js';
import { sha256File } from '../tokenizer/sha256-file.js';
import { detectDecoderLayout } from './layouts/registry.js';
import { OnnxDecoderBackend } from './onnx-decoder.js';

/** What inspecting a decoder ONNX file found. */
export interface DecoderInspection {
  readonly layout: DecoderLayoutName;
  readonly io: DecoderIo;
  readonly signature: ModelSignature;
}

/** Frames the probe decodes: 1 s and a bit, as the encoder probe encodes 1 s (13 frames). */
const PROBE_FRAMES = 13;
/** Of which the context probe feeds this many as context. */
const PROBE_CONTEXT = 5;

/**
 * Checks that an ONNX file is a decoder tokenscope can run: its declared inputs and outputs fit a
 * supported decoder layout (`only` pins one), and 13 frames of token 0 decode to exactly 13 × 1920
 * samples, also when 5 of them are fed as left context (which catches what declared shapes leave
 * open: a symbolic layer axis, a model that ignores its context input). Throws INVALID_MODEL
 * saying what it found.
 */
export async function inspectDecoder(onnxPath: string, options: { readonly only?: DecoderLayoutName } = {}): Promise<DecoderInspection> {
  const path = resolve(onnxPath);
  if (!(await stat(path).catch(() => undefined))?.isFile()) throw notFound(`no decoder ONNX file at ${path}`, { path });
  const placed = await createSession(path, 'cpu', 0);
  try {
    const signature = await sessionSignature(placed.session, path);
    const bound = detectDecoderLayout(signature, `decoder ${path}`, options.only);
    const probe = new OnnxDecoderBackend(
      { modelId: path, modelSha256: '', kind: 'onnx', summary: `onnx ${bound.layout.name}`, ablation: { kind: 'none', reason: '' } },
      placed.session,
      bound,
      { chunkFrames: PROBE_FRAMES - PROBE_CONTEXT, contextFrames: PROBE_CONTEXT },
    );
    const codes = { frames: PROBE_FRAMES, tokens: new Uint16Array(PROBE_FRAMES * LAYER_COUNT) };
    try {
      for await (const block of probe.blocks(codes)) void block; // readAudioOutput checks each run's length
    } catch (error) {
      if (error instanceof TokenscopeError) throw new TokenscopeError(ErrorCode.INVALID_MODEL, `decoder ${path} (layout ${bound.layout.name}) failed the probe decode of ${PROBE_FRAMES} frames: ${error.message}`, error.details);
      throw new TokenscopeError(ErrorCode.INVALID_MODEL, `decoder ${path} (layout ${bound.layout.name}) failed the probe decode of ${PROBE_FRAMES} frames: ${(error as Error).message.split('\n')[0]}`, {}, { cause: error });
    }
    return { layout: bound.layout.name, io: bound.io, signature };
  } finally {
    await placed.session.release(); // the probe is a view over this session, not its owner
  }
}

/** Options of `inspectDecoderSpec`. */
export interface DecoderSpecOptions {
  /** Pin the layout instead of detecting it. */
  readonly layout?: DecoderLayoutName;
  /** Frames per run (default 300). */
  readonly chunkFrames?: number;
  /** Left-context frames per run (default 25). */
  readonly contextFrames?: number;
  /** Where the decoder came from (default: the file's path). */
  readonly provenance?: string;
}

/** Inspects a decoder file and returns the manifest `decoder` field for it, with its absolute path and sha256. */
export async function inspectDecoderSpec(onnxPath: string, options: DecoderSpecOptions = {}): Promise<OnnxDecoderSpec> {
  const chunkFrames = options.chunkFrames ?? DEFAULT_DECODE_CHUNK_FRAMES;
  const contextFrames = options.contextFrames ?? DEFAULT_DECODE_CONTEXT_FRAMES;
  if (!Number.isInteger(chunkFrames) || chunkFrames < 1) throw invalidArgument(`decoderChunkFrames: expected an integer ≥ 1 (frames per run), got ${chunkFrames}`);
  if (!Number.isInteger(contextFrames) || contextFrames < 0) throw invalidArgument(`decoderContextFrames: expected an integer ≥ 0 (frames of left context), got ${contextFrames}`);
  if (options.provenance !== undefined && options.provenance.trim() === '') throw invalidArgument('decoderProvenance: expected a non-empty string, got ""');
  const path = resolve(onnxPath);
  const inspection = await inspectDecoder(path, options.layout ? { only: options.layout } : {});
  return {
    kind: 'onnx',
    layout: inspection.layout,
    onnx: path,
    sha256: await sha256File(path),
    io: inspection.io,
    chunkFrames,
    contextFrames,
    provenance: options.provenance ?? `added from ${path}`,
  };
}

import type { CodeMatrix } from '../domain/code-matrix.js';

/** The model identity a code matrix carries (DESIGN.md, "Contracts"): the id, and the sha256 of the encoder's ONNX file where known. */
export interface CodesModel {
  /** A manifest id, or `external:<name>` for ingested codes. */
  readonly id: string;
  /** sha256 of the ONNX encoder that produced the codes; null when not known (ingested codes, code files). */
  readonly sha256: string | null;
}

/** What a decoder is asked to decode: N × 16 codes and the model they belong to. */
export interface DecodeRequest {
  readonly codes: CodeMatrix;
  readonly model: CodesModel;
}

/** Options of one decode. */
export interface DecodeOptions {
  /**
   * Layer numbers (1..16) to keep, for an ablation; absent: all 16. Only a decoder whose
   * `ablation.kind` is `partial-sums` takes fewer: it decodes the sum of the kept layers'
   * codebook entries instead of all 16.
   */
  readonly layers?: readonly number[];
  /**
   * Frames to decode, for a stream that starts or ends inside the matrix (an HTTP range): the
   * samples are exactly those the whole decode gives for these frames, and only the chunks that
   * cover them are decoded (each with the context the whole decode gives it). Absent: every frame.
   */
  readonly span?: FrameSpan;
  /**
   * Frames of the first block, for a stream whose first samples must come early (a player waiting
   * for its first second): a decoder whose blocks can be cut anywhere without changing a byte (the
   * reference decoder) yields a first block this long, then blocks twice as long each time up to
   * its own block size; one with fixed chunks (ONNX) ignores it.
   */
  readonly leadFrames?: number;
}

/** Frames [start, start + count) of a code matrix. */
export interface FrameSpan {
  /** First frame (0-based). */
  readonly start: number;
  /** Frames, at least 1. */
  readonly count: number;
}

/**
 * Whether a decoder can leave layers out. `partial-sums`: it decodes from the dequantized vector,
 * the sum of per-layer codebook entries, so a layer can be left out of the sum. `none`: it takes
 * token ids, and an id cannot be removed (any id selects some codebook entry); `reason` says so.
 */
export type AblationSupport = { readonly kind: 'partial-sums' } | { readonly kind: 'none'; readonly reason: string };

/** What a decoder is and what it can do. */
export interface DecoderInfo {
  /** The model whose codes it decodes (manifest id). */
  readonly modelId: string;
  /** sha256 of that model's encoder ONNX file: codes recorded with another sha256 are refused. */
  readonly modelSha256: string;
  /** The decoder kind, e.g. `onnx` or `reference`. */
  readonly kind: string;
  /** One line for messages and listings, e.g. `onnx codes-lengths (sha256 1a2b…)`. */
  readonly summary: string;
  readonly ablation: AblationSupport;
}

/**
 * The decoder contract (DESIGN.md, "Decoders"): the codes [N, 16] of one model → exactly N·1920
 * samples of 24 kHz mono float32. Requests are validated before anything runs (codes of another
 * model, tokens outside 0..2047, an empty matrix, a bad layer selection are coded errors), and a
 * decoder that produces another number of samples is an INVALID_MODEL naming both lengths.
 * Close it when done; decoding after close is refused.
 */
export interface Decoder {
  readonly info: DecoderInfo;
  /** Decodes the whole matrix into one array of N·1920 samples. */
  decode(request: DecodeRequest, options?: DecodeOptions): Promise<Float32Array>;
  /**
   * Decodes in blocks, in order (for a chunked decoder, one block per chunk: 300 frames = 576,000
   * samples by default), so that a caller can stream audio out while memory stays bounded; the
   * blocks together hold exactly N·1920 samples. The request is validated before the first block.
   */
  stream(request: DecodeRequest, options?: DecodeOptions): AsyncIterable<Float32Array>;
  /** Waits for running decodes and releases what the decoder holds; idempotent. */
  close(): Promise<void>;
}

/**
 * What a decoder kind implements; `contractDecoder` wraps it into a Decoder that validates
 * requests and checks lengths, so a kind only produces samples.
 */
export interface DecoderBackend {
  readonly info: DecoderInfo;
  /**
   * Sample blocks for `codes` (already validated) with `layers` (1..16, ascending; all 16 unless
   * `info.ablation` is `partial-sums`). The blocks must add up to codes.frames × 1920 samples, or,
   * for a `span` (checked to lie inside the matrix), to span.count × 1920: the samples of those
   * frames exactly as the whole decode gives them. `leadFrames`: see DecodeOptions.
   */
  blocks(codes: CodeMatrix, layers: readonly number[], span?: FrameSpan, leadFrames?: number): AsyncIterable<Float32Array>;
  close(): Promise<void>;
}

import type { InferenceSession } from 'onnxruntime-node';
import type { CodeMatrix } from '../domain/code-matrix.js';
import { LAYER_COUNT, SAMPLES_PER_FRAME } from '../domain/contract.js';
import { ErrorCode, TokenscopeError } from '../errors.js';
import { planDecodeChunks } from './decode-chunk-plan.js';
import type { DecoderBackend, DecoderInfo, FrameSpan } from './decoder.js';
import type { BoundDecoderLayout } from './layouts/registry.js';
import { readAudioOutput } from './read-audio-output.js';

/** How an ONNX decoder splits long matrices. */
export interface DecodeChunkSettings {
  /** Frames whose audio one run produces (300 by default). */
  readonly chunkFrames: number;
  /** Frames of left context fed before each chunk (25 by default). */
  readonly contextFrames: number;
}

/** Why an ONNX decoder cannot leave layers out: it takes ids, and there is no id for "no entry". */
export const ID_DECODER_ABLATION =
  'it takes token ids, and an id cannot be left out: every id selects a codebook entry that the decoder adds to the frame\'s vector (an id of 0 is entry 0, not silence), so layers 1..k alone need a decoder that takes partial sums of the dequantized vectors';

/**
 * A decoder backend over one onnxruntime session in one of the known layouts, decoding in chunks
 * with left context (the official chunked_decode): each run's samples are copied out of its
 * tensors, which are then released, so memory holds one chunk at a time. Runs are serialised.
 */
export class OnnxDecoderBackend implements DecoderBackend {
  private session: InferenceSession | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly info: DecoderInfo,
    session: InferenceSession,
    private readonly bound: BoundDecoderLayout,
    private readonly chunks: DecodeChunkSettings,
  ) {
    this.session = session;
  }

  /** One block per chunk of the plan; for a `span`, only the chunks that overlap it, cut to it. */
  async *blocks(codes: CodeMatrix, _layers?: readonly number[], span: FrameSpan = { start: 0, count: codes.frames }): AsyncGenerator<Float32Array> {
    const end = span.start + span.count;
    for (const chunk of planDecodeChunks(codes.frames, this.chunks.chunkFrames, this.chunks.contextFrames)) {
      if (chunk.start + chunk.frames <= span.start || chunk.start >= end) continue;
      const first = chunk.start - chunk.context;
      const tokens = codes.tokens.subarray(first * LAYER_COUNT, (chunk.start + chunk.frames) * LAYER_COUNT);
      const run = this.queue.then(() => this.runOnce({ tokens, context: chunk.context, frames: chunk.frames }));
      this.queue = run.catch(() => undefined);
      const samples = await run;
      const from = Math.max(0, span.start - chunk.start) * SAMPLES_PER_FRAME;
      const to = (Math.min(end, chunk.start + chunk.frames) - chunk.start) * SAMPLES_PER_FRAME;
      yield from === 0 && to === samples.length ? samples : samples.subarray(from, to);
    }
  }

  async close(): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.session = undefined;
    await this.queue;
    await session.release();
  }

  private async runOnce(run: { tokens: Uint16Array; context: number; frames: number }): Promise<Float32Array> {
    const session = this.session;
    if (!session) throw new TokenscopeError(ErrorCode.INVALID_ARGUMENT, `decoder of model ${this.info.modelId} is closed; open a new one`);
    const { layout, io } = this.bound;
    const outputs = await session.run(layout.feeds(this.bound, run));
    try {
      const audio = outputs[io.audio];
      if (!audio) throw new TokenscopeError(ErrorCode.INVALID_MODEL, `decoder of model ${this.info.modelId}: output ${io.audio} is missing from the run's results`);
      const fed = run.context + run.frames;
      const produced = layout.trimsContext ? run.frames : fed;
      const what = layout.trimsContext ? `${fed} frames of which ${run.context} are context` : `${fed} frames`;
      const samples = readAudioOutput(this.info.modelId, io.audio, audio, io.lengths ? outputs[io.lengths] : undefined, produced * SAMPLES_PER_FRAME, what);
      const skip = layout.trimsContext ? 0 : run.context * SAMPLES_PER_FRAME;
      return samples.slice(skip, skip + run.frames * SAMPLES_PER_FRAME);
    } finally {
      for (const value of Object.values(outputs)) value.dispose();
    }
  }
}

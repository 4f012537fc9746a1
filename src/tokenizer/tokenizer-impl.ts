import type { InferenceSession } from 'onnxruntime-node';
import { codeMatrix, type CodeMatrix } from '../domain/code-matrix.js';
import { framesForSamples, LAYER_COUNT, SAMPLES_PER_FRAME } from '../domain/contract.js';
import { ErrorCode, invalidArgument, TokenscopeError } from '../errors.js';
import { planChunks } from './chunk-plan.js';
import type { BoundLayout } from './layouts/registry.js';
import { copyCodes, firstLength } from './read-codes.js';
import type { ModelInfo, Tokenizer } from './tokenizer.js';

/** How an OnnxTokenizer splits long inputs. */
export interface ChunkSettings {
  /** Frames whose codes one run produces. */
  readonly chunkFrames: number;
  /** Context frames fed on each side of a chunk (0 for frame-local models). */
  readonly overlapFrames: number;
}

/** A Tokenizer over one onnxruntime session; `openTokenizer` builds it. */
export class OnnxTokenizer implements Tokenizer {
  private session: InferenceSession | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly model: ModelInfo,
    session: InferenceSession,
    private readonly bound: BoundLayout,
    private readonly chunks: ChunkSettings,
  ) {
    this.session = session;
  }

  encode(samples: Float32Array): Promise<CodeMatrix> {
    const session = this.session;
    if (!session) return Promise.reject(invalidArgument(`tokenizer for model ${this.model.id} is closed; open a new one`));
    try {
      checkSamples(samples);
    } catch (error) {
      return Promise.reject(error);
    }
    // One encode at a time: bounded memory, and close() can wait for the queue.
    const run = this.queue.then(() => this.encodeWith(session, samples));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.session = undefined;
    await this.queue;
    await session.release();
  }

  private async encodeWith(session: InferenceSession, samples: Float32Array): Promise<CodeMatrix> {
    const { layout, io } = this.bound;
    const total = framesForSamples(samples.length);
    const tokens = new Uint16Array(total * LAYER_COUNT);
    for (const chunk of planChunks(total, this.chunks.chunkFrames, this.chunks.overlapFrames)) {
      const first = (chunk.start - chunk.before) * SAMPLES_PER_FRAME;
      const inputFrames = chunk.before + chunk.frames + chunk.after;
      // Whole frames, zero-padded past the end of the audio: layout (b) requires it and it makes
      // every layout see the same samples.
      const input = new Float32Array(inputFrames * SAMPLES_PER_FRAME);
      const real = samples.subarray(first, Math.min(samples.length, first + input.length));
      input.set(real);
      const outputs = await session.run(layout.feeds(io, input, real.length));
      try {
        const codes = outputs[io.codes];
        if (!codes) throw new TokenscopeError(ErrorCode.INVALID_MODEL, `model ${this.model.id}: output ${io.codes} is missing from the run's results`);
        const target = { tokens, firstFrame: chunk.start, skipFrames: chunk.before, frames: chunk.frames, inputFrames };
        copyCodes(this.model.id, io.codes, codes, layout.orientation, target, io.lengths ? firstLength(outputs[io.lengths]) : undefined);
      } finally {
        for (const value of Object.values(outputs)) value.dispose();
      }
    }
    return codeMatrix(tokens);
  }
}

function checkSamples(samples: Float32Array): void {
  if (!(samples instanceof Float32Array)) throw invalidArgument(`samples: expected a Float32Array of 24 kHz mono audio, got ${Object.prototype.toString.call(samples)}`);
  if (samples.length === 0) throw invalidArgument('samples: expected at least 1 sample, got 0');
  for (let i = 0; i < samples.length; i++) {
    if (!Number.isFinite(samples[i]!)) throw invalidArgument(`samples: expected finite values, got ${samples[i]} at sample ${i}`);
  }
}

import type { CodeMatrix } from '../domain/code-matrix.js';
import { codeMatrix } from '../domain/code-matrix.js';
import { LAYER_COUNT, SAMPLES_PER_FRAME, framesForSamples } from '../domain/contract.js';

/** The part of a tokenizer the ingest needs: encode 24 kHz mono samples into ceil(T/1920) frames. */
export interface FrameEncoder {
  encode(samples: Float32Array): Promise<CodeMatrix>;
}

/** The codes of a whole stream and how many samples it had. */
export interface EncodedStream {
  matrix: CodeMatrix;
  /** Samples at 24 kHz. */
  samples: number;
}

/**
 * Encodes a stream of 24 kHz chunks in pieces of `chunkFrames` frames, so memory stays bounded by
 * the piece, not the file. Pieces start on frame boundaries; with `contextFrames` > 0 each piece is
 * preceded by that many frames of the previous audio whose codes are dropped (for contextual
 * encoders; a frame-local encoder gives identical codes for any piece size with 0).
 */
export async function encodeStream(
  chunks: AsyncIterable<Float32Array>,
  encoder: FrameEncoder,
  options: { chunkFrames: number; contextFrames?: number; onSamples?: (samples: number) => void },
): Promise<EncodedStream> {
  const pieceSamples = options.chunkFrames * SAMPLES_PER_FRAME;
  const contextSamples = (options.contextFrames ?? 0) * SAMPLES_PER_FRAME;
  let buffer = new Float32Array(contextSamples + pieceSamples);
  let fill = 0; // samples of new audio in buffer after the context
  let context = 0; // samples of context at the buffer's start
  let tokens = new Uint16Array(LAYER_COUNT * 1024);
  let frames = 0;
  let samples = 0;

  // One piece may be encoding while the next is read and decoded (an encoder in a worker thread
  // then overlaps with decoding here); pieces are appended in order, and at most two are alive.
  let previous: Promise<void> = Promise.resolve();

  const append = (m: CodeMatrix, skip: number, keep: number) => {
    if (tokens.length < (frames + keep) * LAYER_COUNT) {
      const grown = new Uint16Array(Math.max(tokens.length * 2, (frames + keep) * LAYER_COUNT));
      grown.set(tokens.subarray(0, frames * LAYER_COUNT));
      tokens = grown;
    }
    tokens.set(m.tokens.subarray(skip * LAYER_COUNT, (skip + keep) * LAYER_COUNT), frames * LAYER_COUNT);
    frames += keep;
  };

  const flush = async (final: boolean) => {
    const piece = buffer.subarray(0, context + fill);
    const encoded = encoder.encode(piece);
    const skip = context / SAMPLES_PER_FRAME;
    const keep = final ? framesForSamples(fill) : fill / SAMPLES_PER_FRAME;
    const before = previous;
    const done = (async () => {
      const m = await encoded;
      await before;
      append(m, skip, keep);
    })();
    done.catch(() => undefined); // awaited below or by the next flush; not an unhandled rejection meanwhile
    previous = done;
    // The piece's buffer now belongs to the encode in flight: the next piece gets a new one.
    const next = new Float32Array(contextSamples + pieceSamples);
    if (contextSamples) {
      const tail = piece.subarray(Math.max(0, piece.length - contextSamples));
      next.set(tail);
      context = tail.length;
    }
    buffer = next;
    fill = 0;
    await before;
  };

  for await (const chunk of chunks) {
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(pieceSamples - fill, chunk.length - offset);
      buffer.set(chunk.subarray(offset, offset + take), context + fill);
      fill += take;
      offset += take;
      if (fill === pieceSamples) await flush(false);
    }
    samples += chunk.length;
    options.onSamples?.(samples);
  }
  if (fill > 0) await flush(true);
  await previous;
  return { matrix: codeMatrix(tokens.slice(0, frames * LAYER_COUNT)), samples };
}

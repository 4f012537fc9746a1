/** One run of a chunked decode, in frames of the whole matrix. */
export interface DecodeChunk {
  /** First frame whose audio this run produces. */
  readonly start: number;
  /** Frames whose audio this run produces. */
  readonly frames: number;
  /** Frames fed before `start` as left context (their audio is discarded). */
  readonly context: number;
}

/**
 * Splits `totalFrames` into runs of at most `chunkFrames`, each fed up to `contextFrames` frames
 * before it as left context, as the official chunked_decode does (chunk_size 300,
 * left_context_size 25; the first chunk has none). Boundaries are fixed multiples of `chunkFrames`.
 */
export function planDecodeChunks(totalFrames: number, chunkFrames: number, contextFrames: number): DecodeChunk[] {
  const chunks: DecodeChunk[] = [];
  for (let start = 0; start < totalFrames; start += chunkFrames) {
    chunks.push({ start, frames: Math.min(chunkFrames, totalFrames - start), context: Math.min(contextFrames, start) });
  }
  return chunks;
}

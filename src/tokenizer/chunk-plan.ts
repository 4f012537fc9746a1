/** One run of the encoder over part of the input, in frames of the whole input. */
export interface Chunk {
  /** First frame whose codes this run produces. */
  readonly start: number;
  /** Frames whose codes this run produces. */
  readonly frames: number;
  /** Context frames fed before `start` (their codes are discarded). */
  readonly before: number;
  /** Context frames fed after `start + frames` (their codes are discarded). */
  readonly after: number;
}

/**
 * Splits `totalFrames` frames into runs of at most `chunkFrames` frames, each with up to
 * `overlapFrames` frames of real audio on either side as context (0 for a frame-local model).
 * Chunk boundaries are fixed multiples of `chunkFrames`, so the plan, and the codes, depend only
 * on the input length and the two settings.
 */
export function planChunks(totalFrames: number, chunkFrames: number, overlapFrames: number): Chunk[] {
  const chunks: Chunk[] = [];
  for (let start = 0; start < totalFrames; start += chunkFrames) {
    const frames = Math.min(chunkFrames, totalFrames - start);
    chunks.push({
      start,
      frames,
      before: Math.min(overlapFrames, start),
      after: Math.min(overlapFrames, totalFrames - start - frames),
    });
  }
  return chunks;
}

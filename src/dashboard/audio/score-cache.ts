/** Frames per block of scores: 1,024 scores ≈ 18 kB of JSON. */
export const SCORE_BLOCK = 1024;

/** Most frames one `scores` window may ask for (the API's LIMITS.maxWindowFrames). */
export const MAX_WINDOW_FRAMES = 4096;

/** The whole score blocks that cover frames [start, start + count), at most MAX_WINDOW_FRAMES frames. */
export function blockSpan(start: number, count: number): { startFrame: number; frameCount: number } {
  const startFrame = Math.floor(start / SCORE_BLOCK) * SCORE_BLOCK;
  return { startFrame, frameCount: Math.min(MAX_WINDOW_FRAMES, Math.ceil((start + count) / SCORE_BLOCK) * SCORE_BLOCK - startFrame) };
}

/**
 * A detection's per-frame scores, fetched in aligned blocks of SCORE_BLOCK frames and kept, so any
 * window (of any zoom, at any offset) is cut from blocks already here and panning rarely waits.
 * One cache per detector configuration.
 */
export class ScoreCache {
  private readonly blocks = new Map<number, Promise<number[]>>();

  constructor(private readonly fetchScores: (startFrame: number, frameCount: number) => Promise<number[]>) {}

  /** Stores scores fetched from `startFrame` (a block boundary) by another request. */
  seed(startFrame: number, scores: number[], frameCount: number): void {
    if (startFrame % SCORE_BLOCK !== 0) return;
    for (let at = 0; at < scores.length; at += SCORE_BLOCK) {
      const block = scores.slice(at, at + SCORE_BLOCK);
      // A short block is only complete at the end of the audio.
      if (block.length === SCORE_BLOCK || startFrame + at + block.length >= frameCount) this.blocks.set((startFrame + at) / SCORE_BLOCK, Promise.resolve(block));
    }
  }

  private block(index: number): Promise<number[]> {
    let p = this.blocks.get(index);
    if (!p) {
      p = this.fetchScores(index * SCORE_BLOCK, SCORE_BLOCK);
      p.catch(() => this.blocks.delete(index));
      this.blocks.set(index, p);
    }
    return p;
  }

  /** Starts fetching the blocks frames [start, start + count) touch, without cutting a window from them. */
  prefetch(start: number, count: number): void {
    const first = Math.floor(Math.max(0, start) / SCORE_BLOCK);
    const last = Math.floor((start + count - 1) / SCORE_BLOCK);
    for (let b = first; b <= last; b++) void this.block(b).catch(() => undefined);
  }

  /** Scores of frames [start, start + count) (fewer at the end of the audio). */
  async window(start: number, count: number): Promise<number[]> {
    const first = Math.floor(start / SCORE_BLOCK);
    const last = Math.floor((start + count - 1) / SCORE_BLOCK);
    const parts = await Promise.all(Array.from({ length: last - first + 1 }, (_, i) => this.block(first + i)));
    return parts.flat().slice(start - first * SCORE_BLOCK, start - first * SCORE_BLOCK + count);
  }
}

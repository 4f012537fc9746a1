import { request } from '../api';
import { LAYERS } from '../format';
import { DashCodesDocument } from '../generated/graphql';

/** Frames fetched per request: 512 frames × 16 layers ≈ 40 kB of JSON. */
export const CHUNK_FRAMES = 512;

/**
 * The code matrix of one audio, fetched in windows of CHUNK_FRAMES frames as the view needs them
 * and kept, so panning back costs nothing. Tokens are stored layer-major, -1 where not yet loaded.
 */
export class CodeCache {
  private readonly chunks = new Map<number, Promise<Int16Array>>();
  /** Chunks already arrived, by index, so token() can read them synchronously. */
  private readonly loaded = new Map<number, Int16Array>();

  constructor(
    readonly audioId: string,
    /** Frames of the audio; may start as Infinity to fetch before the audio's size is known. */
    public frameCount: number,
  ) {}

  private chunk(index: number): Promise<Int16Array> {
    let p = this.chunks.get(index);
    if (!p) {
      p = request(DashCodesDocument, { id: this.audioId, startFrame: index * CHUNK_FRAMES, frameCount: CHUNK_FRAMES }).then(({ audio }) => {
        const w = audio.codes;
        const out = new Int16Array(LAYERS * CHUNK_FRAMES).fill(-1);
        w.layerMajor.forEach((row, l) => out.set(row, l * CHUNK_FRAMES));
        return out;
      });
      p.catch(() => this.chunks.delete(index));
      this.chunks.set(index, p);
    }
    return p;
  }

  /** The token at (frame, layer 1..16), or -1 when its chunk has not arrived. */
  token(frame: number, layer: number): number {
    const chunk = this.loaded.get(Math.floor(frame / CHUNK_FRAMES));
    return chunk ? chunk[(layer - 1) * CHUNK_FRAMES + (frame % CHUNK_FRAMES)]! : -1;
  }

  /** Loads every chunk that frames [start, start + count) touch. */
  async load(start: number, count: number): Promise<void> {
    const first = Math.floor(Math.max(0, start) / CHUNK_FRAMES);
    const last = Math.floor(Math.min(this.frameCount - 1, start + count - 1) / CHUNK_FRAMES);
    const jobs: Promise<void>[] = [];
    for (let c = first; c <= last; c++) if (!this.loaded.has(c)) jobs.push(this.chunk(c).then((a) => void this.loaded.set(c, a)));
    await Promise.all(jobs);
  }

  /** The window [start, start + count) layer-major (16 rows), as the guide prints it. */
  layerMajor(start: number, count: number): number[][] {
    const end = Math.min(this.frameCount, start + count);
    return Array.from({ length: LAYERS }, (_, l) => Array.from({ length: end - start }, (_, i) => this.token(start + i, l + 1)));
  }
}

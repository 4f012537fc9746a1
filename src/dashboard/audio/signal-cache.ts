import { request } from '../api';
import { DashSignalDocument } from '../generated/graphql';
import type { SignalBlock } from './signal-block';

/** Most columns one block may ask for (the API's LIMITS.maxSignalColumns). */
const MAX_COLUMNS = 2048;
/** Columns per block are a multiple of this, so a panel a few pixels wider or narrower reuses the blocks it has. */
const COLUMN_STEP = 64;

function bytesOf(base64: string): Uint8Array {
  const text = atob(base64);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/** Little-endian float32 from base64 (every browser the dashboard runs in is little-endian). */
function floatsOf(base64: string): Float32Array {
  const bytes = bytesOf(base64);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}

/** The block length (frames) and columns per block for a window of `frames` frames drawn `width` pixels wide. */
export function blockShape(frames: number, width: number): { length: number; columns: number } {
  const length = Math.max(1, Math.ceil(frames / 2));
  const columns = Math.min(MAX_COLUMNS, Math.max(COLUMN_STEP, Math.ceil((length * Math.max(1, width)) / frames / COLUMN_STEP) * COLUMN_STEP));
  return { length, columns };
}

/**
 * The waveform and spectrogram of one audio, fetched (Audio.signal) in aligned blocks of half a
 * window at about one column per pixel and kept, so a pan draws from blocks already here and only
 * the newly shown half (prefetched meanwhile) is asked for. A zoom or a resize changes the block
 * shape and starts a new set.
 */
export class SignalCache {
  private readonly blocks = new Map<string, Promise<SignalBlock>>();

  constructor(private readonly audioId: string) {}

  private block(index: number, length: number, columns: number): Promise<SignalBlock> {
    const key = `${length}:${columns}:${index}`;
    let p = this.blocks.get(key);
    if (!p) {
      p = request(DashSignalDocument, { id: this.audioId, startFrame: index * length, frameCount: length, columns }).then(({ audio: { signal: s } }) => ({
        startFrame: s.startFrame,
        frameCount: s.frameCount,
        waveform: { columns: s.waveform.columns, min: floatsOf(s.waveform.min), max: floatsOf(s.waveform.max), rms: floatsOf(s.waveform.rms) },
        spectrogram: { columns: s.spectrogram.columns, bands: s.spectrogram.bands, maxHz: s.spectrogram.maxHz, floorDb: s.spectrogram.floorDb, stepDb: s.spectrogram.stepDb, levels: bytesOf(s.spectrogram.levels) },
      }));
      p.catch(() => this.blocks.delete(key));
      this.blocks.set(key, p);
    }
    return p;
  }

  /** The blocks covering frames [from, to) of an audio of `total` frames, for windows of `frames` frames `width` pixels wide. */
  cover(from: number, to: number, frames: number, width: number, total: number): Promise<SignalBlock[]> {
    const { length, columns } = blockShape(frames, width);
    const first = Math.floor(Math.max(0, from) / length);
    const last = Math.floor((Math.min(to, total) - 1) / length);
    const jobs: Promise<SignalBlock>[] = [];
    for (let i = first; i <= last; i++) jobs.push(this.block(i, length, columns));
    return Promise.all(jobs);
  }
}

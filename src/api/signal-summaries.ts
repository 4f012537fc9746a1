import { open } from 'node:fs/promises';
import { ErrorCode, TokenscopeError, notFound } from '../errors.js';
import { cutSignalWindow } from '../signal/signal-window.js';
import type { SignalWindow } from '../signal/signal-window.js';
import { SignalSummary } from '../signal/signal-summary.js';
import type { BuildSummary } from '../signal/build-summary.js';
import type { Store } from '../store/store.js';
import type { AudioRow } from '../store/rows.js';
import { resolveInsideRoots } from './data-roots.js';
import { SourceIdentity } from '../ingest/source-identity.js';

/** Bytes of summaries kept (about 16 MB per hour of audio, so some eight hours); the least recently used go first. */
export const SIGNAL_CACHE_BYTES = 128 * 2 ** 20;

interface Entry {
  summary: SignalSummary;
  /** Set when the build failed; waiters rethrow it. */
  failure: unknown;
  /** Resolves at the next chunk summarised (or the end, or a failure). */
  tick: Promise<void>;
}

/**
 * The waveform and spectrogram summaries of original audio files, built once per file version and
 * kept in memory (SignalSummary: about 16 MB per hour), so panning cuts windows from them instead
 * of decoding again. `build` makes a summary progressively (the server's in a worker thread,
 * summaryInWorker, so that decoding and FFTs do not hold its event loop), and a window is
 * answered as soon as the build has passed its end: the start of a long file draws at once, a
 * window an hour in waits for the build to get there. The file is read under the media route's
 * rules: the audio's stored path must resolve inside the data roots now, and still hold the bytes
 * ingested (SOURCE_CHANGED otherwise).
 */
export class SignalSummaries {
  private readonly entries = new Map<string, Entry>();
  private readonly sources: SourceIdentity;
  /** Aborted by close(): stops the builds in progress. */
  private readonly stopping = new AbortController();

  constructor(
    store: Store,
    private readonly buildSummary: BuildSummary,
    private readonly maxBytes: number = SIGNAL_CACHE_BYTES,
  ) {
    this.sources = new SourceIdentity(store);
  }

  /**
   * Token frames [startFrame, startFrame + frameCount) of `audio`'s original audio in at most
   * `columns` columns. NOT_FOUND for ingested codes or a file gone, PATH_OUTSIDE_ROOTS for a file
   * outside `dataRoots`, SOURCE_CHANGED for other bytes at its path; messages name the audio, not
   * the roots. `signal` stops the wait (not the build, which other requests share).
   */
  async window(audio: AudioRow, dataRoots: readonly string[], startFrame: number, frameCount: number, columns: number, signal?: AbortSignal): Promise<SignalWindow> {
    const entry = await this.entryOf(audio, dataRoots);
    const end = startFrame + frameCount;
    while (!entry.summary.covers(end)) {
      if (entry.failure) throw entry.failure;
      signal?.throwIfAborted();
      await entry.tick;
    }
    return cutSignalWindow(entry.summary, startFrame, frameCount, columns);
  }

  /** Bytes the kept summaries hold (those being built counted at their current size). */
  get bytes(): number {
    let n = 0;
    for (const e of this.entries.values()) n += e.summary.bytes;
    return n;
  }

  private async entryOf(audio: AudioRow, dataRoots: readonly string[]): Promise<Entry> {
    if (audio.sourceKind !== 'audio' || !audio.audioSource) throw notFound(`audio ${audio.id} was ingested from codes: there is no original audio to draw a waveform or spectrogram from`, { audioId: audio.id });
    let real: string;
    try {
      real = await resolveInsideRoots(audio.sourcePath, dataRoots);
    } catch (err) {
      if (!(err instanceof TokenscopeError)) throw err;
      if (err.code === ErrorCode.PATH_OUTSIDE_ROOTS) throw new TokenscopeError(ErrorCode.PATH_OUTSIDE_ROOTS, `audio ${audio.id}: its original file is not inside the folders this server may read, so no waveform or spectrogram can be drawn; start the server with a --data-root above it`, { audioId: audio.id });
      throw notFound(`audio ${audio.id}: its original file is gone (nothing at its stored path), so no waveform or spectrogram can be drawn`, { audioId: audio.id });
    }
    const handle = await open(real).catch(() => null);
    if (!handle) throw notFound(`audio ${audio.id}: its original file is gone (nothing at its stored path), so no waveform or spectrogram can be drawn`, { audioId: audio.id });
    let key: string;
    try {
      const stat = await handle.stat();
      key = `${audio.id}\n${real}\n${stat.size}\n${stat.mtimeMs}`;
      const kept = this.entries.get(key);
      if (kept) {
        // Most recently used last.
        this.entries.delete(key);
        this.entries.set(key, kept);
        return kept;
      }
      await this.sources.check(audio, handle, stat);
    } finally {
      await handle.close();
    }
    return this.build(key, real, audio.audioSource.samples24k);
  }

  private build(key: string, path: string, expectedSamples: number): Entry {
    let wake = () => {};
    const next = () => new Promise<void>((resolve) => (wake = resolve));
    const entry: Entry = { summary: new SignalSummary(expectedSamples), failure: null, tick: next() };
    this.entries.set(key, entry);
    const advance = () => {
      const woken = wake;
      entry.tick = next();
      woken();
    };
    void this.buildSummary(path, entry.summary, advance, this.stopping.signal)
      .catch((err: unknown) => {
        entry.failure = err;
        this.entries.delete(key);
      })
      .finally(() => {
        advance();
        this.evict();
      });
    return entry;
  }

  /** Stops the builds in progress (their waiters get the abort's reason) and refuses new ones. */
  close(): void {
    this.stopping.abort(new TokenscopeError(ErrorCode.SERVER_UNREACHABLE, 'the server is stopping: no waveform or spectrogram can be built now'));
  }

  /** Drops the least recently used finished summaries while the kept ones hold more than maxBytes. */
  private evict(): void {
    let total = this.bytes;
    for (const [key, e] of this.entries) {
      if (total <= this.maxBytes) return;
      if (!e.summary.done) continue;
      this.entries.delete(key);
      total -= e.summary.bytes;
    }
  }
}

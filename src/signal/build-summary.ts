import { setImmediate as nextTurn } from 'node:timers/promises';
import type { SignalSummary } from './signal-summary.js';

/** Decodes a file to mono 24 kHz float32, chunk by chunk (readAudio24k). */
export type ReadSignal = (path: string) => AsyncIterable<Float32Array>;

/**
 * Fills `summary` with the signal of the file at `path`, calling `progressed` each time it reaches
 * further; resolves once the summary is finished, rejects with the decoder's error. `signal`
 * stops it (the summary is then left unfinished).
 */
export type BuildSummary = (path: string, summary: SignalSummary, progressed: () => void, signal: AbortSignal) => Promise<void>;

/**
 * Builds summaries in the caller's thread: each chunk `read` yields is summarised, then a turn of
 * the event loop lets other work run. For tests and tools; the server builds in a worker thread
 * (summaryInWorker), where the decoding and the FFTs do not hold its event loop.
 */
export function summaryInThread(read: ReadSignal): BuildSummary {
  return async (path, summary, progressed, signal) => {
    for await (const chunk of read(path)) {
      signal.throwIfAborted();
      summary.push(chunk);
      progressed();
      await nextTurn();
    }
    summary.finish();
    progressed();
  };
}

import { Worker } from 'node:worker_threads';
import { ErrorCode, TokenscopeError } from '../errors.js';
import { fromWire } from '../tokenizer/worker-protocol.js';
import type { WireError } from '../tokenizer/worker-protocol.js';
import type { BuildSummary } from './build-summary.js';
import type { SummaryPart } from './signal-summary.js';

const WORKER_URL = new URL('./summary-worker.js', import.meta.url);

/** What the summary worker is asked to do (its workerData). */
export interface SummaryJob {
  readonly path: string;
  readonly expectedSamples: number;
  readonly chunkSamples: number;
}

/** Messages from the summary worker. */
export type FromSummaryWorker = { readonly type: 'part'; readonly part: SummaryPart } | { readonly type: 'failed'; readonly error: WireError };

/**
 * Builds each summary in a worker thread of its own: the worker decodes the file (`chunkSamples`
 * samples at a time) and computes the waveform bins and the spectrogram, and posts what it has
 * every 50 ms; this thread only copies those parts into `summary`. So the server's event loop
 * answers requests while an hour of audio is summarised (the FFTs alone take seconds), and the
 * build goes at the speed of a core of its own. The worker ends with the build; `signal` stops it.
 */
export function summaryInWorker(chunkSamples: number): BuildSummary {
  return (path, summary, progressed, signal) =>
    new Promise<void>((resolve, reject) => {
      signal.throwIfAborted();
      const job: SummaryJob = { path, expectedSamples: summary.expectedSamples, chunkSamples };
      const worker = new Worker(WORKER_URL, { workerData: job });
      let settled = false;
      const settle = (error: unknown) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', stop);
        if (error === null) resolve();
        else reject(error);
      };
      const stop = () => {
        settle(signal.reason);
        void worker.terminate();
      };
      signal.addEventListener('abort', stop, { once: true });
      worker.on('message', (message: FromSummaryWorker) => {
        if (settled) return;
        if (message.type === 'failed') return settle(fromWire(message.error, 'the signal summary worker'));
        summary.absorb(message.part);
        progressed();
        if (message.part.done) settle(null);
      });
      worker.on('error', (err) => settle(err));
      worker.on('exit', (code) => settle(new TokenscopeError(ErrorCode.INTERNAL, `the worker summarising ${path} stopped (exit code ${code}) before the summary was finished`)));
    });
}

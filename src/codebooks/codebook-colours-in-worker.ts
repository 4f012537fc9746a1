import { Worker } from 'node:worker_threads';
import type { CodebookVectors } from './codebook-colours.js';

const WORKER_URL = new URL('./codebook-colours.worker.js', import.meta.url);

/**
 * codebookColours computed in a worker thread of its own, so the event loop keeps serving during
 * its seconds of arithmetic (D = 512: docs/benchmarks.md). The vectors are copied to the thread
 * (64 MiB for D = 512, tens of milliseconds); the thread ends with its answer and does not keep
 * the process alive.
 */
export function codebookColoursInWorker(codebooks: CodebookVectors): Promise<Uint8Array> {
  const { layers, entries, dim, vectors } = codebooks;
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, { workerData: { layers, entries, dim, vectors } });
    worker.unref();
    let answered = false;
    worker.once('message', (colours: Uint8Array) => {
      answered = true;
      resolve(colours);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the codebook colours thread exited with code ${code} before answering`));
    });
  });
}

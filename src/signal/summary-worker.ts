import { parentPort, workerData } from 'node:worker_threads';
import { readAudio24k } from '../audio/index.js';
import { toWire } from '../tokenizer/worker-protocol.js';
import { SignalSummary } from './signal-summary.js';
import type { SummaryPart } from './signal-summary.js';
import type { SummaryJob, FromSummaryWorker } from './summary-in-worker.js';

/** Least time between two parts posted, so the server's thread absorbs a few parts a second, not one per chunk. */
const POST_EVERY_MS = 50;

/** The worker thread of summaryInWorker: decodes and summarises one file, posting what it has as it goes. */
async function run(job: SummaryJob): Promise<void> {
  const port = parentPort!;
  const summary = new SignalSummary(job.expectedSamples);
  let sent = { bins: 0, columns: 0 };
  let last = performance.now();
  const post = () => {
    const part: SummaryPart = summary.part(sent);
    sent = summary.reached(part);
    const message: FromSummaryWorker = { type: 'part', part };
    port.postMessage(message, [part.min.buffer, part.max.buffer, part.meanSquare.buffer, part.columns.buffer] as ArrayBuffer[]);
    last = performance.now();
  };
  try {
    for await (const chunk of readAudio24k(job.path, { chunkSamples: job.chunkSamples })) {
      summary.push(chunk);
      if (performance.now() - last >= POST_EVERY_MS) post();
    }
    summary.finish();
    post();
  } catch (err) {
    const message: FromSummaryWorker = { type: 'failed', error: toWire(err) };
    port.postMessage(message);
  }
}

await run(workerData as SummaryJob);

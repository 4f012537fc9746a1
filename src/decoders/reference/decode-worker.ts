/** The worker thread of ReferenceDecodePool: decodes one range of frames per message, in the order asked. */
import { parentPort } from 'node:worker_threads';
import { toWire } from '../../tokenizer/worker-protocol.js';
import type { FromDecodeWorker, ToDecodeWorker } from './decode-pool.js';
import { referenceDecodeRange } from './reference-decode.js';

const port = parentPort!;
port.on('message', (job: ToDecodeWorker) => {
  try {
    const samples = referenceDecodeRange(job.features, job.n, job.first, job.count, job.options);
    const message: FromDecodeWorker = { type: 'decoded', id: job.id, samples };
    port.postMessage(message, [samples.buffer as ArrayBuffer]);
  } catch (err) {
    const message: FromDecodeWorker = { type: 'failed', id: job.id, error: toWire(err) };
    port.postMessage(message);
  }
});

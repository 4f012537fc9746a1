/**
 * The worker thread of ReferenceDecodePool: decodes one range of frames per message, in the order
 * asked, into shared memory. The samples are not sent back as a transferred ArrayBuffer: the first
 * transfer detaches a buffer in this isolate, which invalidates V8's "no ArrayBuffer is ever
 * detached" protector, deoptimises every typed-array loop and makes the code compiled after it check
 * for detached buffers on each access. That alone made the workers spend ~1.4× the CPU time of the
 * main thread for the same blocks (docs/reference-decoder.md, "Speed").
 */
import { parentPort } from 'node:worker_threads';
import { SAMPLES_PER_FRAME } from '../../domain/contract.js';
import { toWire } from '../../tokenizer/worker-protocol.js';
import type { FromDecodeWorker, ToDecodeWorker } from './decode-pool.js';
import { keepDecodeToolsBetweenDecodes, referenceDecodeRangeInto } from './reference-decode.js';

// A worker decodes block after block: it keeps its work arrays from one to the next.
keepDecodeToolsBetweenDecodes();
const port = parentPort!;
port.on('message', (job: ToDecodeWorker) => {
  try {
    // A bad range gets its coded error from the decode, not a RangeError from the allocation.
    const count = Number.isInteger(job.count) && job.count > 0 && job.first + job.count <= job.n ? job.count : 0;
    const samples = new Float32Array(new SharedArrayBuffer(count * SAMPLES_PER_FRAME * Float32Array.BYTES_PER_ELEMENT));
    referenceDecodeRangeInto(job.features, job.n, job.first, job.count, job.options, samples);
    const message: FromDecodeWorker = { type: 'decoded', id: job.id, samples };
    port.postMessage(message);
  } catch (err) {
    const message: FromDecodeWorker = { type: 'failed', id: job.id, error: toWire(err) };
    port.postMessage(message);
  }
});

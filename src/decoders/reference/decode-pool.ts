/**
 * Decodes the blocks of one reference decode in worker threads, several at once, and hands them
 * back in order. The decoder is range-exact (a range decoded with its context gives the bytes the
 * whole decode gives), so a block decoded in a worker is the block decoded here. The features are
 * copied once into shared memory that every worker reads; at most `threads` blocks are being
 * decoded or waiting to be taken at any time, so memory stays bounded however long the audio.
 * node:worker_threads directly: the only pool packages around (piscina, tinypool) are not installed,
 * and the pool needs just an ordered queue.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { invalidArgument, TokenscopeError } from '../../errors.js';
import { fromWire, WORKER_LOST } from '../../tokenizer/worker-protocol.js';
import type { WireError } from '../../tokenizer/worker-protocol.js';
import { SAMPLES_PER_FRAME } from '../../domain/contract.js';
import { referenceDecoderOptions } from './reference-decoder-options.js';
import type { ReferenceDecoderOptions } from './reference-decoder-options.js';

const WORKER_URL = new URL('./decode-worker.js', import.meta.url);

/** One range for a worker: frames [first, first + count) of features (n × 72, in shared memory). */
export interface ToDecodeWorker {
  readonly id: number;
  readonly features: Float32Array;
  readonly n: number;
  readonly first: number;
  readonly count: number;
  readonly options: ReferenceDecoderOptions;
}

/** A worker's answer: the range's samples (in shared memory, never transferred: see decode-worker.ts), or the error its decode threw. */
export type FromDecodeWorker = { readonly type: 'decoded'; readonly id: number; readonly samples: Float32Array } | { readonly type: 'failed'; readonly id: number; readonly error: WireError };

/** Threads a pool uses by default: the available parallelism (os.availableParallelism()). */
export function defaultDecodeThreads(): number {
  return availableParallelism();
}

/** Checks a thread count: INVALID_ARGUMENT naming `threads` unless an integer from 1 to 256. */
export function checkDecodeThreads(threads: number): number {
  if (!Number.isInteger(threads) || threads < 1 || threads > 256) throw invalidArgument(`threads: expected an integer from 1 to 256 (worker threads); received ${threads}`, { argument: 'threads', value: threads });
  return threads;
}

interface Pending {
  readonly resolve: (samples: Float32Array) => void;
  readonly reject: (error: Error) => void;
}

/** A worker and the jobs it was given, answered in the order given. */
interface Slot {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
}

/** Worker threads that decode ranges of reference features; create once, `close` when done. */
export class ReferenceDecodePool {
  private readonly slots: Slot[] = [];
  private next = 0;
  private nextId = 0;
  private closed = false;

  /** `threads`: worker threads (1..256), the available parallelism by default. */
  constructor(readonly threads: number = defaultDecodeThreads()) {
    checkDecodeThreads(threads);
  }

  /**
   * The samples of frames [first, first + count) of `features` (n × 72) in blocks of at most
   * `blockFrames` frames, in order: the bytes referenceDecodeRange gives each block, decoded up to
   * `threads` blocks at a time. Options are checked before any work starts. `leadFrames`: the first
   * block is that long and each next one twice the one before, up to `blockFrames` (a stream whose
   * first samples must come early, and whose reader may stop soon: little is decoded in vain).
   * Features already in shared memory are read in place (not copied); `prepare` is called with
   * each block's frames before it is handed to a worker (LazyFeatures.ensure, with its context).
   */
  async *blocks(
    features: Float32Array,
    n: number,
    overrides: Partial<ReferenceDecoderOptions> = {},
    blockFrames = 512,
    first = 0,
    count = n,
    leadFrames = blockFrames,
    prepare?: (first: number, count: number) => void,
  ): AsyncGenerator<Float32Array> {
    if (this.closed) throw invalidArgument('the reference decode pool is closed; create a new one');
    const options = referenceDecoderOptions(overrides);
    if (!Number.isInteger(blockFrames) || blockFrames < 1) throw invalidArgument(`blockFrames: expected a positive integer (codec frames); received ${blockFrames}`, { argument: 'blockFrames', value: blockFrames });
    if (!Number.isInteger(first) || !Number.isInteger(count) || first < 0 || count < 1 || first + count > n) {
      throw invalidArgument(`first, count: expected a range of frames inside 0..${n}; received first ${first}, count ${count}`, { argument: 'first', first, count });
    }
    let shared = features;
    if (!(features.buffer instanceof SharedArrayBuffer)) {
      shared = new Float32Array(new SharedArrayBuffer(features.byteLength));
      shared.set(features);
    }
    const queue: Promise<Float32Array>[] = [];
    let start = first;
    const end = first + count;
    let size = Math.min(leadFrames, blockFrames);
    const submit = () => {
      const c = Math.min(size, end - start);
      size = Math.min(blockFrames, size * 2);
      prepare?.(start, c);
      const job = this.submit(shared, n, start, c, options);
      // A block that fails while an earlier one is awaited is reported when its turn comes.
      job.catch(() => undefined);
      queue.push(job);
      start += c;
    };
    try {
      while (start < end && queue.length < this.threads) submit();
      while (queue.length > 0) {
        const samples = await queue.shift()!;
        if (start < end) submit();
        yield samples;
      }
    } finally {
      // Taken no further (an error, or the consumer stopped): let the rest finish unobserved.
      queue.length = 0;
    }
  }

  /** All of frames [0, n) as one array (the same bytes as referenceDecode). */
  async decode(features: Float32Array, n: number, overrides: Partial<ReferenceDecoderOptions> = {}, blockFrames = 512): Promise<Float32Array> {
    const out = new Float32Array(n * SAMPLES_PER_FRAME);
    let at = 0;
    for await (const block of this.blocks(features, n, overrides, blockFrames)) {
      out.set(block, at);
      at += block.length;
    }
    return out;
  }

  /** Ends the workers; decodes still running are refused with INTERNAL. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private submit(features: Float32Array, n: number, first: number, count: number, options: ReferenceDecoderOptions): Promise<Float32Array> {
    if (this.closed) return Promise.reject(invalidArgument('the reference decode pool is closed; create a new one'));
    const slot = this.slot();
    const id = this.nextId++;
    return new Promise<Float32Array>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.ref();
      const job: ToDecodeWorker = { id, features, n, first, count, options };
      slot.worker.postMessage(job);
    });
  }

  /** The next worker in turn, started on first use. */
  private slot(): Slot {
    const at = this.next;
    this.next = (this.next + 1) % this.threads;
    const existing = this.slots[at];
    if (existing) return existing;
    const worker = new Worker(WORKER_URL);
    // An idle pool must not keep the process alive; a busy one must (see submit).
    worker.unref();
    const slot: Slot = { worker, pending: new Map() };
    const fail = (error: Error) => {
      for (const p of slot.pending.values()) p.reject(error);
      slot.pending.clear();
      if (this.slots[at] === slot) delete this.slots[at];
    };
    worker.on('message', (message: FromDecodeWorker) => {
      const p = slot.pending.get(message.id);
      if (!p) return;
      slot.pending.delete(message.id);
      if (slot.pending.size === 0) slot.worker.unref();
      // Copied out of shared memory: a consumer gets an ordinary array it may transfer or keep.
      if (message.type === 'decoded') p.resolve(new Float32Array(message.samples));
      else p.reject(fromWire(message.error, 'a reference decode worker'));
    });
    worker.on('error', (err) => fail(err));
    worker.on('exit', (code) => fail(new TokenscopeError(WORKER_LOST, `a reference decode worker stopped (exit code ${code}) with ${slot.pending.size} range(s) still to decode`, { code })));
    this.slots[at] = slot;
    return slot;
  }
}

import { Worker } from 'node:worker_threads';
import { codeMatrix } from '../domain/code-matrix.js';
import type { CodeMatrix } from '../domain/code-matrix.js';
import { TokenscopeError, invalidArgument } from '../errors.js';
import type { LoadedModel } from './open-tokenizer.js';
import type { ModelInfo, Tokenizer, TokenizerOptions } from './tokenizer.js';
import { fromWire, WORKER_LOST } from './worker-protocol.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

const WORKER_URL = new URL('./tokenizer-worker.js', import.meta.url);

/**
 * A Tokenizer whose ONNX session lives in a worker thread: the same contract as openTokenizer's
 * (codes, errors with their codes, close), but encodes no longer hold the caller's event loop for
 * the length of a session run (70–150 ms per minute of audio with the reference encoder). Samples
 * are copied to the worker; the caller keeps its array.
 */
export async function openTokenizerInWorker(model: LoadedModel, options: TokenizerOptions = {}): Promise<Tokenizer> {
  const worker = new Worker(WORKER_URL);
  const pending = new Map<number, { resolve: (m: CodeMatrix) => void; reject: (e: Error) => void }>();
  let opened: { resolve: (m: ModelInfo) => void; reject: (e: Error) => void } | null = null;
  let closing: Promise<void> | null = null;
  let lost: Error | null = null;
  let nextId = 1;
  /** Settles (never rejects) when an encode posted and not yet answered is answered. */
  const inFlight = new Set<Promise<void>>();

  const failAll = (error: Error) => {
    lost ??= error;
    opened?.reject(error);
    opened = null;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on('message', (message: FromWorker) => {
    switch (message.type) {
      case 'opened':
        opened?.resolve(message.model);
        opened = null;
        return;
      case 'encoded': {
        const p = pending.get(message.id);
        pending.delete(message.id);
        p?.resolve(codeMatrix(message.tokens));
        return;
      }
      case 'failed': {
        const error = fromWire(message.error);
        if (message.id === null) {
          opened?.reject(error);
          opened = null;
          return;
        }
        const p = pending.get(message.id);
        pending.delete(message.id);
        p?.reject(error);
        return;
      }
      case 'closed':
        return;
    }
  });
  worker.on('error', (error) => failAll(new TokenscopeError(WORKER_LOST, `the encoder worker of model ${model.manifest.id} failed: ${error.message}`, {}, { cause: error })));
  worker.on('exit', (code) => {
    if (!closing) failAll(new TokenscopeError(WORKER_LOST, `the encoder worker of model ${model.manifest.id} exited (code ${code})`));
  });

  const post = (message: ToWorker, transfer: ArrayBuffer[] = []) => worker.postMessage(message, transfer);
  let info: ModelInfo;
  try {
    info = await new Promise<ModelInfo>((resolve, reject) => {
      opened = { resolve, reject };
      post({ type: 'open', model, options });
    });
  } catch (error) {
    closing = Promise.resolve();
    await worker.terminate();
    throw error;
  }

  return {
    model: info,
    encode(samples: Float32Array): Promise<CodeMatrix> {
      if (closing) return Promise.reject(invalidArgument(`tokenizer for model ${info.id} is closed; open a new one`));
      if (lost) return Promise.reject(lost);
      const id = nextId++;
      const copy = samples.slice();
      const encoded = new Promise<CodeMatrix>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        post({ type: 'encode', id, samples: copy }, [copy.buffer as ArrayBuffer]);
      });
      const settled = encoded.then(() => undefined, () => undefined);
      inFlight.add(settled);
      void settled.then(() => inFlight.delete(settled));
      return encoded;
    },
    close(): Promise<void> {
      closing ??= (async () => {
        // Encodes already posted finish first, as with an in-process tokenizer.
        await Promise.all(inFlight);
        if (!lost) {
          const exited = new Promise<void>((r) => worker.once('exit', () => r()));
          post({ type: 'close' });
          await exited;
        }
      })();
      return closing;
    },
  };
}

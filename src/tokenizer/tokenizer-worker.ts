import { parentPort } from 'node:worker_threads';
import { openTokenizer } from './open-tokenizer.js';
import type { Tokenizer } from './tokenizer.js';
import { toWire } from './worker-protocol.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

/**
 * Entry of an encoder worker thread: opens one tokenizer and runs its encodes here, so onnxruntime's
 * synchronous session.run never blocks the server's event loop. One message at a time, in order.
 */
if (!parentPort) throw new Error('tokenizer-worker.js runs as a worker thread (see worker-tokenizer.ts)');
const port = parentPort;
let tokenizer: Tokenizer | null = null;

const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

port.on('message', (message: ToWorker) => {
  void handle(message);
});

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'open':
      try {
        tokenizer = await openTokenizer(message.model, message.options);
        send({ type: 'opened', model: tokenizer.model });
      } catch (error) {
        send({ type: 'failed', id: null, error: toWire(error) });
      }
      return;
    case 'encode':
      try {
        if (!tokenizer) throw new Error('encode before open');
        const { tokens } = await tokenizer.encode(message.samples);
        send({ type: 'encoded', id: message.id, tokens }, [tokens.buffer as ArrayBuffer]);
      } catch (error) {
        send({ type: 'failed', id: message.id, error: toWire(error) });
      }
      return;
    case 'close':
      await tokenizer?.close();
      tokenizer = null;
      send({ type: 'closed' });
      port.close();
      return;
  }
}

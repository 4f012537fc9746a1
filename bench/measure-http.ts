import { print } from 'graphql';
import { Worker } from 'node:worker_threads';
import { CorporaDocument } from '../src/client/generated/graphql.js';
import { listen } from '../src/api/server.js';
import type { App } from '../src/main.js';
import type { LoadRequest, LoadResult } from './http-load.worker.js';
import { summarise } from './timing.js';
import type { Timing } from './timing.js';

/** HTTP round trips of a small query under concurrent load. */
export interface HttpFigures {
  timing: Timing;
  clients: number;
  requests: number;
  errors: number;
  firstError: string | null;
  /** Completed requests per second. */
  throughput: number;
}

function load(request: LoadRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./http-load.worker.js', import.meta.url), { workerData: request });
    worker.once('message', (result: LoadResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`load worker exited with code ${code}`)));
  });
}

/**
 * Serves the API on 127.0.0.1 (a free port) and sends `requests` POSTs of the Corpora query from
 * `clients` concurrent keep-alive clients in a worker thread, after a warm-up of one request per client.
 */
export async function measureHttp(app: App, clients: number, requests: number): Promise<HttpFigures> {
  const { server, url } = await listen(app.api, { ...app.services, config: { ...app.services.config, host: '127.0.0.1' } }, 0);
  try {
    const body = JSON.stringify({ query: print(CorporaDocument), operationName: 'Corpora' });
    await load({ url, body, clients, requests: clients });
    const result = await load({ url, body, clients, requests });
    return {
      timing: summarise(result.latenciesMs),
      clients,
      requests,
      errors: result.errors,
      firstError: result.firstError,
      throughput: result.latenciesMs.length / result.wallSeconds,
    };
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

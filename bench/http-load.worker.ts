import { parentPort, workerData } from 'node:worker_threads';

/** What the load worker is asked to do. */
export interface LoadRequest {
  url: string;
  /** JSON body of every POST. */
  body: string;
  /** Concurrent clients, each sending its requests one after the other. */
  clients: number;
  /** Requests in all, shared among the clients. */
  requests: number;
}

/** What the load worker reports. */
export interface LoadResult {
  /** Latency of every completed request, in milliseconds. */
  latenciesMs: number[];
  /** Requests that failed: transport error, non-200 status, or GraphQL errors in the body. */
  errors: number;
  /** First error seen, for the report. */
  firstError: string | null;
  /** Seconds from the first request to the last response. */
  wallSeconds: number;
}

// Runs in its own thread so that the clients' work (fetch, JSON parsing) does not share the
// server's event loop; Node's fetch (undici) keeps connections alive between requests.
async function run({ url, body, clients, requests }: LoadRequest): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let issued = 0;
  const fail = (why: string) => {
    errors++;
    firstError ??= why;
  };
  const client = async () => {
    while (issued < requests) {
      issued++;
      const t = performance.now();
      try {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const json = (await res.json()) as { errors?: unknown[] };
        latenciesMs.push(performance.now() - t);
        if (res.status !== 200) fail(`HTTP ${res.status}`);
        else if (json.errors?.length) fail(JSON.stringify(json.errors[0]));
      } catch (err) {
        fail((err as Error).message);
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, client));
  return { latenciesMs, errors, firstError, wallSeconds: (performance.now() - started) / 1000 };
}

if (parentPort) parentPort.postMessage(await run(workerData as LoadRequest));

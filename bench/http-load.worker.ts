import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

/** What the load worker is asked to do. */
export interface LoadRequest {
  url: string;
  /** JSON bodies of the mix; client c sends them in turn, starting at body c mod length. */
  bodies: string[];
  /** Concurrent clients, each sending its requests one after the other. */
  clients: number;
  /** Requests in all, shared among the clients (the load also ends when `stop` is set). */
  requests: number;
  /** An Int32Array over it: the load ends once element 0 is non-zero. */
  stop?: SharedArrayBuffer;
}

/** What the load worker reports. */
export interface LoadResult {
  /** Latency of every completed request, in milliseconds. */
  latenciesMs: number[];
  /** Index of the body each latency belongs to. */
  bodyIndex: number[];
  /** Requests that failed: transport error, non-200 status, or GraphQL errors in the body. */
  errors: number;
  /** First error seen, for the report. */
  firstError: string | null;
  /** Seconds from the first request to the last response. */
  wallSeconds: number;
}

/** One POST over a keep-alive connection of `agent`: its status and body text. */
function post(agent: Agent, url: URL, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

// Runs in its own thread so that the clients' work (HTTP, JSON parsing) does not share the
// benchmark's event loop. node:http with a keep-alive agent rather than fetch: on 2 cores shared
// with the server, undici's fetch cost the load generator more CPU than the cached answers cost
// the server, so it measured the client as much as the server.
async function run({ url, bodies, clients, requests, stop }: LoadRequest): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const bodyIndex: number[] = [];
  const stopped = stop ? new Int32Array(stop) : null;
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const target = new URL(url);
  let errors = 0;
  let firstError: string | null = null;
  let issued = 0;
  const fail = (why: string) => {
    errors++;
    firstError ??= why;
  };
  const client = async (c: number) => {
    for (let k = c; issued < requests && !(stopped && Atomics.load(stopped, 0)); k++) {
      issued++;
      const b = k % bodies.length;
      const t = performance.now();
      try {
        const res = await post(agent, target, bodies[b]!);
        const json = JSON.parse(res.text) as { errors?: unknown[] };
        latenciesMs.push(performance.now() - t);
        bodyIndex.push(b);
        if (res.status !== 200) fail(`HTTP ${res.status}`);
        else if (json.errors?.length) fail(JSON.stringify(json.errors[0]));
      } catch (err) {
        fail((err as Error).message);
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
  agent.destroy();
  return { latenciesMs, bodyIndex, errors, firstError, wallSeconds: (performance.now() - started) / 1000 };
}

if (parentPort) parentPort.postMessage(await run(workerData as LoadRequest));

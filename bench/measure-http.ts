import { print } from 'graphql';
import type { DocumentNode } from 'graphql';
import { Worker } from 'node:worker_threads';
import { AudioLayersDocument, CorporaDocument, DetectDocument, IngestAudioDocument, IngestJobDocument, LayerStatsDocument } from '../src/client/generated/graphql.js';
import { BenchServer } from './bench-server.js';
import { HTTP_CORPUS, HTTP_INGEST_ALL_CORES_CORPUS, HTTP_INGEST_CORPUS } from './http-fixtures.js';
import type { LoadRequest, LoadResult } from './http-load.worker.js';
import { summarise } from './timing.js';
import type { Timing } from './timing.js';

/** The mix: what a dashboard asks again and again, in the order each client sends it. */
export const MIX_OPERATIONS = ['Corpora', 'AudioLayers (one audio)', 'LayerStats (2 corpora, 16 layers, top 5)', 'Detect (keyLayerVariance, 750 frames)'] as const;

/** Figures of one phase of the load. */
export interface PhaseFigures {
  timing: Timing;
  requests: number;
  errors: number;
  firstError: string | null;
  /** Completed requests per second. */
  throughput: number;
  /** Highest resident set of the server process during the phase, bytes. */
  peakRssBytes: number;
  /** Latencies by operation of the mix, in MIX_OPERATIONS order. */
  byOperation: Timing[];
}

/** The ingest that ran during the third phase. */
export interface IngestDuringLoad {
  files: number;
  audioSeconds: number;
  /** Seconds from the mutation to the job's end. */
  seconds: number;
  /** Final phase of the job and the status of each file. */
  phase: string;
  statuses: string[];
}

/** The HTTP benchmark: the same mix against a server without a cache, then cold, warm and while ingesting. */
export interface HttpFigures {
  clients: number;
  /** Requests of the warm phase (the no-cache phase sends uncachedRequests of them). */
  requests: number;
  uncached: PhaseFigures;
  cold: PhaseFigures;
  warm: PhaseFigures;
  ingesting: PhaseFigures;
  ingest: IngestDuringLoad;
  /** The same while-ingesting phase in a server whose encoder takes every core (TOKENSCOPE_THREADS=0). */
  ingestingAllCores: PhaseFigures;
  ingestAllCores: IngestDuringLoad;
  /** Peak resident set of the caching server over its whole run (kernel's VmHWM), bytes. */
  serverPeakRssBytes: number;
  /** Same for the server without a cache. */
  uncachedServerPeakRssBytes: number;
}

/** Where the mix's questions point. */
export interface HttpTargets {
  /** Database file the servers open (no other process may hold it). */
  db: string;
  /** Folder of WAVs to ingest during the third phase (also the servers' data root). */
  ingestFolder: string;
  /** Audio seconds in it. */
  ingestSeconds: number;
  /** The short audio whose layers and detection the mix asks for. */
  shortAudioId: number;
  /** The two corpora layerStats merges. */
  corpora: [string, string];
}

/** Requests of the no-cache phase: a fifth of the warm phase's (it is several times slower), at least one per client. */
export function uncachedRequests(requests: number, clients: number): number {
  return Math.max(clients, Math.round(requests / 5));
}

function body(document: DocumentNode, variables: Record<string, unknown>): string {
  const name = /(?:query|mutation)\s+(\w+)/.exec(print(document))?.[1];
  return JSON.stringify({ query: print(document), operationName: name, variables });
}

function load(request: LoadRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./http-load.worker.js', import.meta.url), { workerData: request });
    worker.once('message', (result: LoadResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`load worker exited with code ${code}`)));
  });
}

function figures(result: LoadResult, peakRssBytes: number, operations: number): PhaseFigures {
  const byOperation = Array.from({ length: operations }, (_, b) => summarise(result.latenciesMs.filter((_, i) => result.bodyIndex[i] === b)));
  return {
    timing: summarise(result.latenciesMs),
    requests: result.latenciesMs.length,
    errors: result.errors,
    firstError: result.firstError,
    throughput: result.latenciesMs.length / result.wallSeconds,
    peakRssBytes,
    byOperation,
  };
}

async function post<T>(url: string, document: DocumentNode, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(document, variables) });
  const json = (await res.json()) as { data?: T; errors?: unknown[] };
  if (json.errors?.length || !json.data) throw new Error(`${res.status}: ${JSON.stringify(json.errors)}`);
  return json.data;
}

/**
 * Runs `clients` keep-alive clients (Node fetch, in a worker thread) sending the mix to a server
 * in its own process (`tokenscope serve` on the benchmark database): first a server whose cache
 * keeps nothing (TOKENSCOPE_CACHE_BYTES=0, after a warm-up of one request per client), then one
 * server with the default cache in three phases: cold (the first pass of the mix right after the
 * start), warm, and warm while an audio ingest started through `ingestAudio` runs in the server
 * (the phase lasts as long as the ingest).
 */
export async function measureHttp(t: HttpTargets, clients: number, requests: number, log: (line: string) => void): Promise<HttpFigures> {
  const bodies = [
    body(CorporaDocument, {}),
    body(AudioLayersDocument, { corpus: HTTP_CORPUS, first: 10, top: 3 }),
    body(LayerStatsDocument, { corpora: t.corpora, top: 5 }),
    body(DetectDocument, { audioId: String(t.shortAudioId), detector: { name: 'keyLayerVariance', params: {} } }),
  ];
  const phase = async (server: BenchServer, n: number, stop?: SharedArrayBuffer) => {
    server.takePeakRss();
    const result = await load({ url: server.url, bodies, clients, requests: n, ...(stop ? { stop } : {}) });
    return figures(result, server.takePeakRss(), bodies.length);
  };

  /** A phase as long as an `ingestAudio` of the bench's WAVs into `corpus` runs in `server`. */
  const ingestingPhase = async (server: BenchServer, corpus: string): Promise<{ figures: PhaseFigures; ingest: IngestDuringLoad }> => {
    const started = performance.now();
    const { ingestAudio } = await post<{ ingestAudio: { id: string } }>(server.url, IngestAudioDocument, { corpus, paths: [t.ingestFolder], model: null, concurrency: 1 });
    const stop = new SharedArrayBuffer(4);
    const running = phase(server, Number.MAX_SAFE_INTEGER, stop);
    let job: { phase: string; filesTotal: number; results: { status: string }[] };
    for (;;) {
      job = (await post<{ ingestJob: typeof job }>(server.url, IngestJobDocument, { id: ingestAudio.id })).ingestJob;
      if (job.phase !== 'QUEUED' && job.phase !== 'RUNNING') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const seconds = (performance.now() - started) / 1000;
    Atomics.store(new Int32Array(stop), 0, 1);
    return { figures: await running, ingest: { files: job.filesTotal, audioSeconds: t.ingestSeconds, seconds, phase: job.phase, statuses: job.results.map((r) => r.status) } };
  };

  log('  no cache (TOKENSCOPE_CACHE_BYTES=0)');
  const plain = await BenchServer.start(t.db, t.ingestFolder, { TOKENSCOPE_CACHE_BYTES: '0' });
  let uncached: PhaseFigures;
  let uncachedServerPeakRssBytes: number;
  try {
    await load({ url: plain.url, bodies, clients, requests: clients });
    uncached = await phase(plain, uncachedRequests(requests, clients));
    uncachedServerPeakRssBytes = plain.lifetimePeakRss();
  } finally {
    await plain.stop();
  }

  const server = await BenchServer.start(t.db, t.ingestFolder);
  try {
    log('  cold cache');
    const cold = await phase(server, clients * bodies.length * 4);
    log('  warm cache');
    const warm = await phase(server, requests);
    log(`  warm cache while ${(t.ingestSeconds / 60).toFixed(0)} minutes of audio are ingested`);
    const { figures: ingesting, ingest } = await ingestingPhase(server, HTTP_INGEST_CORPUS);
    const serverPeakRssBytes = server.lifetimePeakRss();
    await server.stop();
    // Side by side: the same ingest in a server whose encoder takes every core (onnxruntime's own
    // choice, TOKENSCOPE_THREADS=0), as `serve` did before it left a core to requests.
    log('  the same while ingesting, encoder on every core (TOKENSCOPE_THREADS=0)');
    const allCores = await BenchServer.start(t.db, t.ingestFolder, { TOKENSCOPE_THREADS: '0' });
    try {
      await phase(allCores, clients * bodies.length * 4);
      const { figures: ingestingAllCores, ingest: ingestAllCores } = await ingestingPhase(allCores, HTTP_INGEST_ALL_CORES_CORPUS);
      return { clients, requests, uncached, cold, warm, ingesting, ingest, ingestingAllCores, ingestAllCores, serverPeakRssBytes, uncachedServerPeakRssBytes };
    } finally {
      await allCores.stop();
    }
  } finally {
    await server.stop(); // a second stop of a stopped server does nothing
  }
}

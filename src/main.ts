import { BUILT_IN_DETECTORS, createDetectorRegistry } from './analytics/detectors/registry.js';
import { codebooksOfModel } from './query/model-codebooks.js';
import type { DetectorRegistry } from './analytics/detectors/registry.js';
import { isLoopback } from './api/auth.js';
import { allowedHostNames } from './api/http/host-check.js';
import { createApi } from './api/server.js';
import type { Api, ApiServices } from './api/server.js';
import type { Settings } from './config/settings.js';
import { probeAudio, readAudio24k } from './audio/index.js';
import { EncoderPool } from './ingest/encoder-pool.js';
import type { AudioInput } from './ingest/ingest-audio.js';
import { IngestJobs } from './ingest/ingest-job.js';
import { LIMITS } from './api/limits.js';
import { ComparisonJobs } from './query/comparison-jobs.js';
import { cachedStore } from './query/cached-store.js';
import { ResultCache } from './query/result-cache.js';
import { ResponseCache } from './api/response-cache.js';
import { SignalSummaries } from './api/signal-summaries.js';
import { Reconstructions } from './api/reconstructions.js';
import { summaryInWorker } from './signal/summary-in-worker.js';
import { openStore } from './store/store.js';
import type { Store } from './store/store.js';

/** The audio layer as the ingest sees it. */
const audioInput: AudioInput = {
  probe: async (path) => {
    const info = await probeAudio(path);
    return { format: info.format === 'wav' || info.format === 'ogg' ? `${info.format}/${info.codec}` : info.format, sampleRate: info.sampleRate, channels: info.channels, durationSeconds: info.durationSeconds };
  },
  read: (path, options) => readAudio24k(path, options),
};

/** Everything wired once: the composition root. */
export interface App {
  settings: Settings;
  store: Store;
  registry: DetectorRegistry;
  api: Api;
  services: ApiServices;
  /** Stops the API, then closes the store. */
  close(): Promise<void>;
}

/** Opens the store, builds the detector registry and the API. */
export async function createApp(settings: Settings): Promise<App> {
  const store = await openStore(settings.dbPath);
  try {
    const registry = createDetectorRegistry(BUILT_IN_DETECTORS, { codebooks: (model, sha256) => codebooksOfModel(settings.modelsDir, model, sha256) });
    const encoders = new EncoderPool({ modelsDir: settings.modelsDir, defaultModel: settings.defaultModel, device: settings.device, threads: settings.threads, inWorker: settings.encodeInWorker });
    const jobs = new IngestJobs();
    const comparisons = new ComparisonJobs(LIMITS.maxActiveComparisons);
    const cache = new ResultCache(settings.cacheBytes);
    const services: ApiServices = {
      // Requests share one result cache, invalidated by the store's data versions.
      store: cachedStore(store, cache),
      cache,
      // Whole responses of repeated store-only queries, a quarter of the same bound.
      responses: new ResponseCache(Math.floor(settings.cacheBytes / 4)),
      registry,
      // Original audio decoded and summarised in a worker thread, 2 s chunks (docs/benchmarks.md).
      signals: new SignalSummaries(store, summaryInWorker(48_000)),
      // Decoders opened on first use, one per model, from the models folder in force.
      reconstructions: new Reconstructions(store, () => encoders.settings.modelsDir),
      config: {
        dataRoots: settings.dataRoots,
        apiKey: settings.apiKey,
        host: settings.host,
        webRoot: settings.webRoot,
        uploadDir: settings.uploadDir,
        uploadMaxBytes: settings.uploadMaxBytes,
        requestTimeoutMs: settings.requestTimeoutMs,
        allowedHosts: allowedHostNames(settings.allowedHosts),
        introspection: settings.introspection ?? isLoopback(settings.host),
        cliToken: settings.cliToken,
      },
      audio: { input: audioInput, encoders, jobs },
      comparisons,
    };
    const api = await createApi(services);
    return {
      settings,
      store,
      registry,
      api,
      services,
      close: async () => {
        jobs.stopAll();
        comparisons.stopAll();
        services.signals.close();
        await api.stop();
        await jobs.idle();
        await comparisons.idle();
        await services.reconstructions.close();
        await encoders.close();
        await store.close();
      },
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}

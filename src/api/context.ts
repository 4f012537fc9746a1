import type { GraphQLError } from 'graphql';
import type { DetectorRegistry } from '../analytics/detectors/registry.js';
import type { EncoderPool } from '../ingest/encoder-pool.js';
import type { AudioInput } from '../ingest/ingest-audio.js';
import type { IngestJobs } from '../ingest/ingest-job.js';
import type { ComparisonJobs } from '../query/comparison-jobs.js';
import type { ResultCache } from '../query/result-cache.js';
import type { Store } from '../store/store.js';
import type { ApiConfig } from './config.js';
import type { SignalSummaries } from './signal-summaries.js';
import type { Reconstructions } from './reconstructions.js';
import { createLoaders } from './loaders.js';
import { RequestBudget } from './request-budget.js';
import { ABSOLUTE_PATHS, relativePaths } from './path-view.js';
import type { PathView } from './path-view.js';
import type { Loaders } from './loaders.js';

/** What audio ingest needs: the audio reader, the encoders and the job list. */
export interface AudioServices {
  input: AudioInput;
  encoders: EncoderPool;
  jobs: IngestJobs;
}

/** What every resolver receives: the services, per-request loaders, and the caller's rights. */
export interface ApiContext {
  store: Store;
  registry: DetectorRegistry;
  config: ApiConfig;
  audio: AudioServices;
  /** Results shared across requests (the same one `store` answers repeated reads from). */
  cache: ResultCache;
  /** Background comparisons (startComparison). */
  comparisons: ComparisonJobs;
  /** Waveform and spectrogram summaries of original audio files, shared across requests. */
  signals: SignalSummaries;
  /** Decoders and the decode lane reconstructions share. */
  reconstructions: Reconstructions;
  loaders: Loaders;
  /** True when the request may run mutations (see auth.ts). */
  mayMutate: boolean;
  /** Why mutations are refused, when they are. */
  mutationRefusal: string | null;
  /** Errors of partly successful operations (e.g. failed files of an ingest), added to the response. */
  partialErrors: GraphQLError[];
  /** The request's time budget and its cancellation signal. */
  budget: RequestBudget;
  /** How server-side paths are shown to this caller: absolute when trusted (may mutate), else relative to their root. */
  paths: PathView;
  /**
   * Whether the whole response may be kept by the response cache (set by the response-cacheability
   * plugin). An object, not a flag: Apollo runs each operation on a shallow copy of the context, and
   * the HTTP handler reads this from the one it made.
   */
  responseCaching: { keep: boolean };
}

/** Builds the context of one request, whose time budget (milliseconds; null for none) starts now. */
export function createContext(
  services: { store: Store; registry: DetectorRegistry; config: ApiConfig; audio: AudioServices; cache: ResultCache; comparisons: ComparisonJobs; signals: SignalSummaries; reconstructions: Reconstructions },
  access: { mayMutate: boolean; mutationRefusal: string | null },
  budgetMs: number | null = null,
): ApiContext {
  // Trusted is what may mutate: the key presented, or a loopback server without one (auth.ts).
  const paths = access.mayMutate ? ABSOLUTE_PATHS : relativePaths(services.config.dataRoots, services.audio.encoders.settings.modelsDir);
  return { ...services, ...access, loaders: createLoaders(services.store, services.audio.encoders.settings.modelsDir), partialErrors: [], budget: new RequestBudget(budgetMs), paths, responseCaching: { keep: false } };
}

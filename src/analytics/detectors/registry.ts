import type { CodeMatrix } from '../../domain/code-matrix.js';
import { ErrorCode, TokenscopeError, invalidArgument, notFound } from '../../errors.js';
import { clip, excerpt } from '../../jsutils/excerpt.js';
import { createModelCache } from '../models/model-cache.js';
import type { ModelCache } from '../models/model-cache.js';
import { labelAnomalies } from '../label-anomalies.js';
import { segmentEvents } from '../segment-events.js';
import type { SegmenterOptions } from '../segmenter-options.js';
import { applyThreshold } from '../thresholds/registry.js';
import type { ThresholdRule } from '../thresholds/threshold-rule.js';
import { changeRateDetector } from './change-rate.detector.js';
import { coldTokensDetector } from './cold-tokens.detector.js';
import type { CodebooksSource, DetectionOutput, Detector, DetectorContext, ResolvedParams, ScoringEnvironment } from './detector.js';
import { eventClassifierDetector } from './event-classifier.detector.js';
import { distributionShiftDetector } from './distribution-shift.detector.js';
import { embeddingChangeDetector } from './embedding-change.detector.js';
import { embeddingNoveltyDetector } from './embedding-novelty.detector.js';
import { interLayerSpreadDetector } from './inter-layer-spread.detector.js';
import { keyLayerVarianceDetector } from './key-layer-variance.detector.js';
import { resolveParams } from './resolve-params.js';
import { RUN_OPTIONS, resolveRunOptions } from './run-options.js';
import { tokenEnrichmentDetector } from './token-enrichment.detector.js';
import { tokenSurprisalDetector } from './token-surprisal.detector.js';

/** The detectors every registry starts with, in the order they are listed to users. */
export const BUILT_IN_DETECTORS: readonly Detector[] = [
  keyLayerVarianceDetector,
  interLayerSpreadDetector,
  coldTokensDetector,
  tokenSurprisalDetector,
  distributionShiftDetector,
  changeRateDetector,
  tokenEnrichmentDetector,
  embeddingNoveltyDetector,
  embeddingChangeDetector,
  eventClassifierDetector,
];

/** A run's output together with what produced it, so it can be repeated exactly. */
export interface DetectorRun extends DetectionOutput {
  /** Detector name. */
  readonly detector: string;
  /** The detector's own parameters as resolved (defaults filled in, layer lists ascending). */
  readonly params: ResolvedParams;
  /** The threshold rule applied, defaults filled in (the detector's default when none was given). */
  readonly thresholdRule: ThresholdRule;
  /** The segmenter applied, defaults filled in. */
  readonly segmenter: SegmenterOptions;
}

/** The detectors by name. */
export interface DetectorRegistry {
  /** All detectors, in registration order. */
  list(): readonly Detector[];
  /** The detector called `name`; NOT_FOUND, listing the known names, if there is none. */
  get(name: string): Detector;
  /**
   * Resolves `params` for detector `name` and runs it on `matrix` (at least one frame). Besides
   * the detector's own parameters, `params` may hold `threshold` (a rule such as
   * `{"rule": "robustZ", "k": 3}`) and `segmenter` (`{"minEventFrames": 3, ...}`).
   */
  run(name: string, params: Readonly<Record<string, unknown>>, matrix: CodeMatrix, ctx: DetectorContext): Promise<DetectorRun>;
}

/** Registry options. */
export interface RegistryOptions {
  /** Fitted models kept between runs (least recently used dropped first); default 8. */
  readonly modelCacheSize?: number;
  /** A cache to share, e.g. between registries in tests; default a new one of modelCacheSize. */
  readonly models?: ModelCache;
  /** Where embedding detectors read codebooks; without it they fail with NOT_FOUND naming the model. */
  readonly codebooks?: CodebooksSource;
}

/** A registry of `detectors` (default: the built-in ones); names must be unique. */
export function createDetectorRegistry(detectors: readonly Detector[] = BUILT_IN_DETECTORS, options: RegistryOptions = {}): DetectorRegistry {
  const byName = new Map<string, Detector>();
  for (const detector of detectors) {
    if (byName.has(detector.name)) {
      throw new TokenscopeError(ErrorCode.ALREADY_EXISTS, `detector ${detector.name} is registered twice`, { detector: detector.name });
    }
    const clash = detector.parameters.find((spec) => (RUN_OPTIONS as readonly string[]).includes(spec.name));
    if (clash) throw new TokenscopeError(ErrorCode.INTERNAL, `detector ${detector.name} may not declare parameter ${clash.name}`);
    byName.set(detector.name, detector);
  }
  const models = options.models ?? createModelCache(options.modelCacheSize);
  const registry: DetectorRegistry = {
    list: () => [...byName.values()],
    get(name) {
      const detector = byName.get(name);
      if (!detector) {
        const known = [...byName.keys()];
        throw notFound(`no detector named ${excerpt(name)}; known detectors: ${known.join(', ')}`, { detector: clip(name), known });
      }
      return detector;
    },
    async run(name, params, matrix, ctx) {
      const detector = registry.get(name);
      const resolved = resolveParams(detector, params, RUN_OPTIONS);
      const { thresholdRule, segmenter } = resolveRunOptions(detector, params, resolved);
      if (matrix.frames === 0) {
        throw invalidArgument(`detector ${name} needs a matrix with at least one frame; received 0 frames`, { detector: name });
      }
      ctx.signal?.throwIfAborted();
      const scored = await detector.score(matrix, resolved, scoringEnvironment(name, ctx, models, options.codebooks));
      ctx.signal?.throwIfAborted();
      const { scores, classes } = scored instanceof Float64Array ? { scores: scored, classes: undefined } : scored;
      const applied = applyThreshold(scores, thresholdRule);
      const events = segmentEvents(applied.flagged, scores, segmenter);
      if (!classes) return { detector: name, params: resolved, thresholdRule, segmenter, scores, ...applied, anomalies: events };
      return { detector: name, params: resolved, thresholdRule, segmenter, scores, ...applied, anomalies: labelAnomalies(events, classes), classes };
    },
  };
  return registry;
}

/** What a detector's scoring may use: the context, the shared model cache, and the scored audio's codebooks. */
function scoringEnvironment(detector: string, ctx: DetectorContext, models: ModelCache, source: CodebooksSource | undefined): ScoringEnvironment {
  return {
    ctx,
    models,
    codebooks: async () => {
      if (!ctx.model) throw notFound(`detector ${detector} needs codebooks, but the scored matrix names no codec model`, { detector });
      if (!source) throw notFound(`detector ${detector} needs the codebooks of model '${ctx.model.id}', and this registry has no codebooks source`, { detector, model: ctx.model.id });
      return source(ctx.model.id, ctx.model.sha256);
    },
  };
}

import type { Codebooks } from '../../codebooks/codebooks.js';
import type { CodeMatrix } from '../../domain/code-matrix.js';
import type { ModelCache } from '../models/model-cache.js';
import type { Anomaly } from '../segment-anomalies.js';
import type { SegmenterOptions } from '../segmenter-options.js';
import type { Comparison } from '../threshold.js';
import type { ThresholdRule } from '../thresholds/threshold-rule.js';
import type { DetectorContext } from './detector-context.js';

export type { DetectorContext, FrameLabel, TrainingExample } from './detector-context.js';

/** Kinds of detector parameter: whole number, real number, text, or a list of layer numbers 1..16. */
export type ParameterType = 'int' | 'float' | 'string' | 'layers';

/** A typed, documented detector parameter, shown to API users. */
export interface ParameterSpec {
  /** Name as users pass it, camelCase. */
  readonly name: string;
  readonly type: ParameterType;
  /** One line for users, with the unit. */
  readonly description: string;
  /** Value used when the user gives none; absent means the parameter is required. */
  readonly default?: number | string | readonly number[];
  /** Smallest allowed value (int and float only), inclusive. */
  readonly min?: number;
  /** Largest allowed value (int and float only), inclusive. */
  readonly max?: number;
  /** int only: the value must be odd (centred windows). */
  readonly odd?: boolean;
  /** string only: the allowed values. */
  readonly oneOf?: readonly string[];
  /** string only: the value names a stored corpus (reference or training data), read for the scored audio's model. */
  readonly corpus?: 'reference' | 'training';
}

/** A parameter value after validation: number for int/float, string, or ascending layer numbers. */
export type ParamValue = number | string | readonly number[];

/** Every parameter of a detector, validated and with defaults filled in. */
export type ResolvedParams = Readonly<Record<string, ParamValue>>;

/** Per-frame class probabilities of a class-aware detector. */
export interface ClassProbabilities {
  /** The classes, in the order of `probabilities`' columns (background not included). */
  readonly labels: readonly string[];
  /** frames × labels.length, frame-major: P(class | frame), each 0..1. */
  readonly probabilities: Float32Array;
}

/** What a class-aware detector's scoring returns: the per-frame score and the class probabilities. */
export interface ClassifiedScores {
  readonly scores: Float64Array;
  readonly classes: ClassProbabilities;
}

/** What a run found in one matrix: scores, the threshold actually applied, flags and events. */
export interface DetectionOutput {
  /** One score per frame, in the detector's unit. */
  readonly scores: Float64Array;
  /** The threshold applied to the scores, in the same unit (hysteresis: the opening one). */
  readonly threshold: number;
  /** GREATER_THAN: score > threshold flags a frame; AT_LEAST: score ≥ threshold does. */
  readonly comparison: Comparison;
  /** Hysteresis only: a flagged run goes on while score ≥ lowThreshold (same unit). */
  readonly lowThreshold?: number;
  /** One entry per frame: 1 when the threshold rule flagged it (before segmentation), else 0. */
  readonly flagged: Uint8Array;
  /** Events made by the segmenter from the flags, in frame order; labelled when `classes` is present. */
  readonly anomalies: readonly Anomaly[];
  /** Class-aware detectors only: per-frame class probabilities. */
  readonly classes?: ClassProbabilities;
}

/** What a detector's scoring may use besides the matrix and its parameters. */
export interface ScoringEnvironment {
  /** The outside world: reference and training corpora. */
  readonly ctx: DetectorContext;
  /** Fitted models shared across runs, keyed by detector, parameters and corpus version. */
  readonly models: ModelCache;
  /**
   * The codebooks of the scored audio's model (ctx.model). NOT_FOUND when the model has none or
   * the registry was built without a codebooks source; MODEL_MISMATCH when other weights encoded it.
   */
  codebooks(): Promise<Codebooks>;
}

/** Where a registry finds a model's codebooks: by model id and the sha256 of the encoding weights (null: unknown). */
export type CodebooksSource = (model: string, modelSha256: string | null) => Promise<Codebooks>;

/**
 * A registered scoring strategy: maps a matrix to one score per frame. The registry applies the
 * threshold rule (the caller's, or `defaultThreshold`) and the segmenter.
 */
export interface Detector {
  /** Registry key, camelCase (e.g. `keyLayerVariance`). */
  readonly name: string;
  /** A few sentences for users: what the score measures, the default threshold, where it comes from. */
  readonly description: string;
  readonly parameters: readonly ParameterSpec[];
  /** Own parameters that only shape the default threshold; they may not be given with an explicit one. */
  readonly thresholdParameters?: readonly string[];
  /** The segmenter fields this detector uses when the caller gives none (the rest: DEFAULT_SEGMENTER). */
  readonly defaultSegmenter?: Partial<SegmenterOptions>;
  /** The threshold rule used when the caller gives none, from the resolved parameters. */
  defaultThreshold(params: ResolvedParams): ThresholdRule;
  /**
   * One score per frame of `matrix` (at least one frame), parameters already resolved. A
   * class-aware detector also returns per-frame class probabilities, and its events get a class.
   */
  score(matrix: CodeMatrix, params: ResolvedParams, env: ScoringEnvironment): Promise<Float64Array | ClassifiedScores>;
}

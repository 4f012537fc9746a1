import type { CodeMatrix } from '../../domain/code-matrix.js';
import type { ReferenceCounts } from '../reference-counts.js';
import type { Anomaly } from '../segment-anomalies.js';
import type { Comparison } from '../threshold.js';

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
}

/** A parameter value after validation: number for int/float, string, or ascending layer numbers. */
export type ParamValue = number | string | readonly number[];

/** Every parameter of a detector, validated and with defaults filled in. */
export type ResolvedParams = Readonly<Record<string, ParamValue>>;

/** What detectors may ask of the outside world; the store implements it. Detectors never see SQL. */
export interface DetectorContext {
  /** Per-layer token histograms of the named reference corpus; rejects with NOT_FOUND if unknown. */
  referenceCounts(corpusName: string): Promise<ReferenceCounts>;
}

/** What a detector found in one matrix. */
export interface DetectionOutput {
  /** One score per frame, in the detector's unit. */
  readonly scores: Float64Array;
  /** The threshold applied to the scores, in the same unit. */
  readonly threshold: number;
  /** GREATER_THAN: score > threshold flags a frame; AT_LEAST: score ≥ threshold does. */
  readonly comparison: Comparison;
  /** One entry per frame: 1 when flagged, else 0. */
  readonly flagged: Uint8Array;
  /** Runs of consecutive flagged frames, in frame order. */
  readonly anomalies: readonly Anomaly[];
}

/** A registered detection strategy: scores frames, thresholds them, segments the flags into events. */
export interface Detector {
  /** Registry key, camelCase (e.g. `keyLayerVariance`). */
  readonly name: string;
  /** A few sentences for users: what the score measures, the threshold rule, where it comes from. */
  readonly description: string;
  readonly parameters: readonly ParameterSpec[];
  /** Runs on one matrix with parameters already resolved against `parameters`. */
  run(matrix: CodeMatrix, params: ResolvedParams, ctx: DetectorContext): Promise<DetectionOutput>;
}

import { invalidArgument } from '../../errors.js';
import { resolveSegmenter } from '../segmenter-options.js';
import type { SegmenterOptions } from '../segmenter-options.js';
import { resolveThresholdRule } from '../thresholds/registry.js';
import type { ThresholdRule } from '../thresholds/threshold-rule.js';
import type { Detector, ResolvedParams } from './detector.js';

/** Parameter names every detector accepts besides its own: the threshold rule and the segmenter. */
export const RUN_OPTIONS = ['threshold', 'segmenter'] as const;

/** How a run turns scores into events, resolved. */
export interface RunOptions {
  /** The caller's threshold rule, else the detector's default for its resolved parameters. */
  readonly thresholdRule: ThresholdRule;
  readonly segmenter: SegmenterOptions;
}

/**
 * Resolves `threshold` and `segmenter` from the caller's raw `params` for `detector`, whose own
 * parameters are already `resolved`. INVALID_ARGUMENT when a shorthand parameter of the detector
 * (e.g. keyLayerVariance's `percentile`) is given together with an explicit threshold.
 */
export function resolveRunOptions(detector: Detector, params: Readonly<Record<string, unknown>>, resolved: ResolvedParams): RunOptions {
  const segmenter = resolveSegmenter(params['segmenter'], detector.name, detector.defaultSegmenter);
  const given = params['threshold'];
  if (given === undefined || given === null) return { thresholdRule: detector.defaultThreshold(resolved), segmenter };
  const shorthand = (detector.thresholdParameters ?? []).filter((p) => params[p] !== undefined && params[p] !== null);
  if (shorthand.length > 0) {
    throw invalidArgument(`detector ${detector.name} takes either ${shorthand.join(', ')} or threshold, not both; received both`, {
      detector: detector.name,
      parameter: 'threshold',
      conflicting: shorthand,
    });
  }
  return { thresholdRule: resolveThresholdRule(given, detector.name), segmenter };
}

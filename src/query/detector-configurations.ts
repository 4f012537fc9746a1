import type { Detector, ResolvedParams } from '../analytics/detectors/detector.js';
import type { DetectorRegistry } from '../analytics/detectors/registry.js';
import { resolveParams } from '../analytics/detectors/resolve-params.js';
import { RUN_OPTIONS, resolveRunOptions } from '../analytics/detectors/run-options.js';
import type { SegmenterOptions } from '../analytics/segmenter-options.js';
import type { ThresholdRule } from '../analytics/thresholds/threshold-rule.js';
import { ErrorCode, TokenscopeError, invalidArgument } from '../errors.js';
import { excerpt } from '../jsutils/excerpt.js';

/** Runs one parameter over several values: one configuration per value. */
export interface ParameterSweep {
  /**
   * A parameter of the detector (e.g. `percentile`), or `threshold.<field>` / `segmenter.<field>`
   * for a field of the threshold rule or the segmenter (e.g. `threshold.k`). A threshold field
   * swept without a `threshold` in the params goes into the detector's default rule.
   */
  readonly parameter: string;
  /** The values, in the order the configurations are listed. */
  readonly values: readonly unknown[];
}

/** A detector configuration as the caller gives it. */
export interface DetectorConfiguration {
  /** Registered detector name. */
  readonly name: string;
  /** Parameters, as for `detect` (including `threshold` and `segmenter`). */
  readonly params?: Readonly<Record<string, unknown>> | null;
  /** A threshold rule; shorthand for params.threshold (wins over it). */
  readonly threshold?: Readonly<Record<string, unknown>> | null;
  /** Expands this configuration into one per value. */
  readonly sweep?: ParameterSweep | null;
}

/** One configuration after sweep expansion and validation. */
export interface ResolvedConfiguration {
  /** Readable label: the detector name and the parameters given, e.g. `keyLayerVariance {"percentile":90}`. */
  readonly label: string;
  readonly detector: Detector;
  /** The parameters as given (with the swept value), passed to registry.run. */
  readonly params: Readonly<Record<string, unknown>>;
  /** The detector's own parameters, defaults filled in. */
  readonly resolved: ResolvedParams;
  readonly thresholdRule: ThresholdRule;
  readonly segmenter: SegmenterOptions;
}

/**
 * Expands sweeps and validates every configuration before any work: NOT_FOUND for an unknown
 * detector, INVALID_ARGUMENT for a bad parameter (naming `detectors[i]`), LIMIT_EXCEEDED when more
 * than `max` configurations result.
 */
export function resolveConfigurations(registry: DetectorRegistry, given: readonly DetectorConfiguration[], max: number): ResolvedConfiguration[] {
  if (given.length === 0) throw invalidArgument('detectors must list at least one configuration; received none', { argument: 'detectors' });
  const expanded = given.flatMap((config, i) => expand(config, i));
  if (expanded.length > max) {
    throw new TokenscopeError(ErrorCode.LIMIT_EXCEEDED, `detectors may expand to at most ${max} configurations (sweeps counted per value); received ${expanded.length}`, {
      argument: 'detectors',
      value: expanded.length,
      max,
    });
  }
  return expanded.map(({ index, name, params }) => {
    try {
      const detector = registry.get(name);
      const withDefaults = withSweptDefaults(detector, params);
      const resolved = resolveParams(detector, withDefaults, RUN_OPTIONS);
      const { thresholdRule, segmenter } = resolveRunOptions(detector, withDefaults, resolved);
      return { label: `${name} ${JSON.stringify(params)}`, detector, params: withDefaults, resolved, thresholdRule, segmenter };
    } catch (err) {
      if (err instanceof TokenscopeError) throw new TokenscopeError(err.code, `detectors[${index}]: ${err.message}`, { ...err.details, index });
      throw err;
    }
  });
}

interface Expanded {
  readonly index: number;
  readonly name: string;
  readonly params: Readonly<Record<string, unknown>>;
}

function expand(config: DetectorConfiguration, index: number): Expanded[] {
  const base: Record<string, unknown> = { ...(config.params ?? {}) };
  if (config.threshold) base['threshold'] = config.threshold;
  const sweep = config.sweep;
  if (!sweep) return [{ index, name: config.name, params: base }];
  if (sweep.values.length === 0) throw invalidArgument(`detectors[${index}].sweep.values must list at least one value; received none`, { index });
  const [option, field, ...rest] = sweep.parameter.split('.');
  if (!option || (field !== undefined && (!(RUN_OPTIONS as readonly string[]).includes(option) || !field || rest.length))) {
    throw invalidArgument(
      `detectors[${index}].sweep.parameter must be a parameter name or threshold.<field> / segmenter.<field>; received ${excerpt(sweep.parameter)}`,
      { index, parameter: sweep.parameter },
    );
  }
  return sweep.values.map((value) => {
    if (field === undefined) return { index, name: config.name, params: { ...base, [option]: value } };
    const nested = base[option];
    const into = typeof nested === 'object' && nested !== null && !Array.isArray(nested) ? nested : {};
    return { index, name: config.name, params: { ...base, [option]: { ...into, [field]: value } } };
  });
}

/**
 * A swept threshold field with no rule given fills in the rest of the detector's default rule,
 * e.g. sweeping `threshold.percentile` of a detector whose default is the 95th percentile.
 */
function withSweptDefaults(detector: Detector, params: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const threshold = params['threshold'];
  if (typeof threshold !== 'object' || threshold === null || Array.isArray(threshold) || 'rule' in threshold) return params;
  const resolved = resolveParams(detector, params, RUN_OPTIONS);
  return { ...params, threshold: { ...detector.defaultThreshold(resolved), ...threshold } };
}

import { isLayerNumber } from '../../domain/contract.js';
import { invalidArgument } from '../../errors.js';
import type { TokenscopeError } from '../../errors.js';
import type { Detector, ParameterSpec, ParamValue, ResolvedParams } from './detector.js';
import { clip, excerpt } from '../../jsutils/excerpt.js';
import { nestingDepth } from '../../jsutils/nesting-depth.js';
import { describeValue, expectedValue } from './describe-value.js';

export { expectedValue } from './describe-value.js';

/** Deepest nesting of arrays and objects accepted in one parameter value (`[[1]]` is 2). */
export const MAX_PARAM_DEPTH = 32;

/** Who owns a set of fields, for messages: e.g. `detector coldTokens`, with `threshold.` as prefix. */
export interface FieldOwner {
  /** Detector the fields belong to (named in messages and details). */
  readonly detector: string;
  /** Prepended to field names in messages, e.g. `threshold.` for the fields of a threshold rule. */
  readonly prefix?: string;
  /** Names accepted but not resolved here (resolved by someone else), listed among the known ones. */
  readonly reserved?: readonly string[];
}

/**
 * Validates user parameters against a detector's specs and fills in defaults. `undefined` and
 * `null` count as not given. Throws INVALID_ARGUMENT for an unknown name (listing the known
 * ones), a missing required parameter, a value of the wrong type or one outside [min, max].
 * Layer lists come back sorted ascending, so equal selections resolve to equal params.
 * Names in `reserved` (e.g. `threshold`) are accepted and left out of the result.
 */
export function resolveParams(
  detector: Pick<Detector, 'name' | 'parameters'>,
  given: Readonly<Record<string, unknown>> | null | undefined,
  reserved: readonly string[] = [],
): ResolvedParams {
  return resolveFields(detector.parameters, given, { detector: detector.name, reserved });
}

/** resolveParams for any list of field specs (detector parameters, threshold rule or segmenter fields). */
export function resolveFields(
  specs: readonly ParameterSpec[],
  given: Readonly<Record<string, unknown>> | null | undefined,
  owner: FieldOwner,
): ResolvedParams {
  const values = given ?? {};
  const prefix = owner.prefix ?? '';
  const reserved = owner.reserved ?? [];
  const known = [...specs.map((spec) => spec.name), ...reserved];
  const where = prefix ? `${prefix.replace(/\.$/, '')} of detector ${owner.detector}` : `detector ${owner.detector}`;
  for (const [name, value] of Object.entries(values)) {
    if (!known.includes(name)) {
      throw invalidArgument(`${where} has no parameter ${excerpt(name)}; known parameters: ${known.join(', ') || '(none)'}`, {
        detector: owner.detector,
        parameter: clip(prefix + name),
        known,
      });
    }
    // Deeper values are no parameter's shape, and rendering or copying them could exhaust the stack.
    if (nestingDepth(value, MAX_PARAM_DEPTH) > MAX_PARAM_DEPTH) {
      throw invalidArgument(
        `parameter ${prefix + name} of detector ${owner.detector} nests arrays and objects more than ${MAX_PARAM_DEPTH} levels deep; at most ${MAX_PARAM_DEPTH} are accepted`,
        { detector: owner.detector, parameter: prefix + name, maxDepth: MAX_PARAM_DEPTH },
      );
    }
  }
  const resolved: Record<string, ParamValue> = {};
  for (const spec of specs) {
    const value = Object.hasOwn(values, spec.name) ? values[spec.name] : undefined;
    if (value === undefined || value === null) {
      if (spec.default === undefined) throw mismatch(owner.detector, prefix, spec, 'nothing', true);
      resolved[spec.name] = spec.default;
    } else {
      resolved[spec.name] = check(owner.detector, prefix, spec, value);
    }
  }
  return Object.freeze(resolved);
}

function check(detector: string, prefix: string, spec: ParameterSpec, value: unknown): ParamValue {
  const fail = (): TokenscopeError => mismatch(detector, prefix, spec, describeValue(value));
  switch (spec.type) {
    case 'int':
    case 'float': {
      const ok = typeof value === 'number' && Number.isFinite(value) && (spec.type === 'float' || Number.isInteger(value));
      if (!ok) throw fail();
      if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) throw fail();
      if (spec.odd && value % 2 !== 1) throw fail();
      return value;
    }
    case 'string':
      if (typeof value !== 'string' || value.length === 0) throw fail();
      if (spec.oneOf && !spec.oneOf.includes(value)) throw fail();
      return value;
    case 'layers': {
      const ok =
        Array.isArray(value) &&
        value.length > 0 &&
        value.every((layer) => typeof layer === 'number' && isLayerNumber(layer)) &&
        new Set(value).size === value.length;
      if (!ok) throw fail();
      return Object.freeze([...(value as number[])].sort((a, b) => a - b));
    }
  }
}

function mismatch(detector: string, prefix: string, spec: ParameterSpec, received: string, missing = false): TokenscopeError {
  const expected = expectedValue(spec);
  const wanted = missing ? `is required (${expected})` : `expects ${expected}`;
  const parameter = prefix + spec.name;
  return invalidArgument(`parameter ${parameter} of detector ${detector} ${wanted}; received ${received}`, {
    detector,
    parameter,
    expected,
    received,
  });
}

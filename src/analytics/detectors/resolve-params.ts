import { isLayerNumber } from '../../domain/contract.js';
import { invalidArgument } from '../../errors.js';
import type { TokenscopeError } from '../../errors.js';
import type { Detector, ParameterSpec, ParamValue, ResolvedParams } from './detector.js';

/**
 * Validates user parameters against a detector's specs and fills in defaults. `undefined` and
 * `null` count as not given. Throws INVALID_ARGUMENT for an unknown name (listing the known
 * ones), a missing required parameter, a value of the wrong type or one outside [min, max].
 * Layer lists come back sorted ascending, so equal selections resolve to equal params.
 */
export function resolveParams(
  detector: Pick<Detector, 'name' | 'parameters'>,
  given: Readonly<Record<string, unknown>> | null | undefined,
): ResolvedParams {
  const values = given ?? {};
  const known = detector.parameters.map((spec) => spec.name);
  for (const name of Object.keys(values)) {
    if (!known.includes(name)) {
      throw invalidArgument(
        `detector ${detector.name} has no parameter "${name}"; known parameters: ${known.join(', ') || '(none)'}`,
        { detector: detector.name, parameter: name, known },
      );
    }
  }
  const resolved: Record<string, ParamValue> = {};
  for (const spec of detector.parameters) {
    const value = Object.hasOwn(values, spec.name) ? values[spec.name] : undefined;
    if (value === undefined || value === null) {
      if (spec.default === undefined) {
        throw mismatch(detector.name, spec, 'nothing', true);
      }
      resolved[spec.name] = spec.default;
    } else {
      resolved[spec.name] = check(detector.name, spec, value);
    }
  }
  return Object.freeze(resolved);
}

function check(detector: string, spec: ParameterSpec, value: unknown): ParamValue {
  switch (spec.type) {
    case 'int':
    case 'float': {
      const ok = typeof value === 'number' && Number.isFinite(value) && (spec.type === 'float' || Number.isInteger(value));
      if (!ok) throw mismatch(detector, spec, describe(value));
      if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
        throw mismatch(detector, spec, describe(value));
      }
      return value;
    }
    case 'string':
      if (typeof value !== 'string' || value.length === 0) throw mismatch(detector, spec, describe(value));
      return value;
    case 'layers': {
      const ok =
        Array.isArray(value) &&
        value.length > 0 &&
        value.every((layer) => typeof layer === 'number' && isLayerNumber(layer)) &&
        new Set(value).size === value.length;
      if (!ok) throw mismatch(detector, spec, describe(value));
      return Object.freeze([...(value as number[])].sort((a, b) => a - b));
    }
  }
}

/** What a spec accepts, in words, e.g. "a number in [0, 100]". */
export function expectedValue(spec: ParameterSpec): string {
  const range =
    spec.min !== undefined && spec.max !== undefined
      ? ` in [${spec.min}, ${spec.max}]`
      : spec.min !== undefined
        ? ` ≥ ${spec.min}`
        : spec.max !== undefined
          ? ` ≤ ${spec.max}`
          : '';
  switch (spec.type) {
    case 'int':
      return `an integer${range}`;
    case 'float':
      return `a finite number${range}`;
    case 'string':
      return 'a non-empty string';
    case 'layers':
      return 'a non-empty list of distinct layer numbers 1..16';
  }
}

function mismatch(detector: string, spec: ParameterSpec, received: string, missing = false): TokenscopeError {
  const expected = expectedValue(spec);
  const wanted = missing ? `is required (${expected})` : `expects ${expected}`;
  return invalidArgument(
    `parameter ${spec.name} of detector ${detector} ${wanted}; received ${received}`,
    { detector, parameter: spec.name, expected, received },
  );
}

function describe(value: unknown): string {
  const kind = Array.isArray(value) ? 'array' : typeof value;
  let text: string;
  try {
    text = typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value); // bigint and cyclic values do not serialise
  }
  return `${text} (${kind})`;
}

import { excerpt } from '../../jsutils/excerpt.js';
import type { ParameterSpec } from './detector.js';

/** What a spec accepts, in words, e.g. "a number in [0, 100]" or "an odd integer ≥ 1". */
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
      return `${spec.odd ? 'an odd integer' : 'an integer'}${range}`;
    case 'float':
      return `a finite number${range}`;
    case 'string':
      return spec.oneOf ? `one of ${spec.oneOf.map((v) => JSON.stringify(v)).join(', ')}` : 'a non-empty string';
    case 'layers':
      return 'a non-empty list of distinct layer numbers 1..16';
  }
}

/** A received value for messages: a bounded excerpt of its JSON and its kind, e.g. `"95" (string)`. */
export function describeValue(value: unknown): string {
  const kind = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  return `${excerpt(value)} (${kind})`;
}

import { ErrorCode, TokenscopeError, invalidArgument } from '../errors.js';

/** Checks that `value` (argument `name`) is an integer in [min, max]; above max is LIMIT_EXCEEDED. */
export function checkLimit(name: string, value: number, max: number, min = 1): number {
  if (!Number.isInteger(value) || value < min) {
    throw invalidArgument(`${name} must be an integer ≥ ${min}; received ${value}`, { argument: name, value });
  }
  if (value > max) {
    throw new TokenscopeError(ErrorCode.LIMIT_EXCEEDED, `${name} may be at most ${max}; received ${value}`, { argument: name, value, max });
  }
  return value;
}

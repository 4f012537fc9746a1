import { TokenscopeError, ErrorCode } from '../../errors.js';
import { excerpt } from '../../jsutils/excerpt.js';
import type { ResolvedParams } from './detector.js';

// Resolution already checked the types against the specs; a mismatch here is a bug in a detector.

/** The resolved number (int or float) parameter `name`. */
export function numberParam(params: ResolvedParams, name: string): number {
  const value = params[name];
  if (typeof value !== 'number') throw internal(name, 'a number', value);
  return value;
}

/** The resolved string parameter `name`. */
export function stringParam(params: ResolvedParams, name: string): string {
  const value = params[name];
  if (typeof value !== 'string') throw internal(name, 'a string', value);
  return value;
}

/** The resolved layer-list parameter `name` (layer numbers 1..16, ascending). */
export function layersParam(params: ResolvedParams, name: string): readonly number[] {
  const value = params[name];
  if (!Array.isArray(value)) throw internal(name, 'a layer list', value);
  return value as readonly number[];
}

function internal(name: string, expected: string, value: unknown): TokenscopeError {
  return new TokenscopeError(
    ErrorCode.INTERNAL,
    `resolved parameter ${name} should be ${expected}; found ${excerpt(value)}`,
  );
}

import { invalidArgument } from '../errors.js';
import { clip, excerpt } from '../jsutils/excerpt.js';

/** Parses a GraphQL ID holding a positive integer id; INVALID_ARGUMENT naming the argument otherwise. */
export function parseId(value: string, argument: string): number {
  if (!/^\d{1,10}$/.test(value) || Number(value) < 1 || Number(value) > 0xffffffff) {
    throw invalidArgument(`${argument} must be a positive integer id; received ${excerpt(value)}`, { argument, value: clip(value) });
  }
  return Number(value);
}

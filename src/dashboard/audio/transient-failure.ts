import { ApiError } from '../api';

/**
 * Whether a failed request may succeed if asked again unchanged: the server was busy (its time
 * budget or a lane's queue: LIMIT_EXCEEDED, HTTP 429/5xx, DATABASE_BUSY), could not be reached
 * (NETWORK), or failed unexpectedly (INTERNAL). Anything else is an answer about what was asked.
 */
export function isTransientFailure(err: unknown): boolean {
  if (!(err instanceof ApiError)) return true;
  return ['LIMIT_EXCEEDED', 'NETWORK', 'INTERNAL', 'DATABASE_BUSY', 'HTTP_429'].includes(err.code) || /^HTTP_5\d\d$/.test(err.code);
}

import type { MiddlewareFn } from 'type-graphql';
import type { ApiContext } from './context.js';
import type { PathView } from './path-view.js';

/** Applies `show` to a string, to each string of a list, or to each string value of an object (metadata). */
function mapStrings(value: unknown, show: (s: string) => string): unknown {
  if (typeof value === 'string') return show(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, show));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? show(v) : v]));
  }
  return value;
}

function shown(pick: (view: PathView) => (s: string) => string): MiddlewareFn<ApiContext> {
  return async ({ context }, next) => {
    const value: unknown = await next();
    return context.paths.trusted ? value : mapStrings(value, pick(context.paths));
  };
}

/** On a field holding a server-side path (or a list of them): shown through the caller's PathView. */
export const ShownPath: MiddlewareFn<ApiContext> = shown((view) => view.path);

/** On a field holding text that may name server-side paths (messages, metadata): those shown through the caller's PathView. */
export const ShownText: MiddlewareFn<ApiContext> = shown((view) => (s) => view.text(s));

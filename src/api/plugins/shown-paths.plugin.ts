import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { isAbsolute } from 'node:path';
import type { ApiContext } from '../context.js';
import type { PathView } from '../path-view.js';

/** Every absolute path among the string values of `value`, however deep. */
function absolutePaths(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') {
    if (isAbsolute(value)) into.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) absolutePaths(v, into);
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) absolutePaths(v, into);
  }
  return into;
}

function mapStrings(value: unknown, show: (s: string) => string): unknown {
  if (typeof value === 'string') return show(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, show));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, show)]));
  return value;
}

/**
 * An error as an untrusted caller sees it: the paths its extensions carry (the path asked for, the
 * roots, a symlink's target) and every path below a known folder, in its message and extensions,
 * shown through `view`; a carried path outside every known folder is not shown at all.
 */
export function shownError(error: GraphQLFormattedError, view: PathView): GraphQLFormattedError {
  const hidden = absolutePaths(error.extensions);
  const show = (s: string) => view.text(s, hidden);
  return { ...error, message: show(error.message), ...(error.extensions ? { extensions: mapStrings(error.extensions, show) as Record<string, unknown> } : {}) };
}

/**
 * Shows the errors of a response to a caller without trust (see ApiContext.paths) with their paths
 * relative to their folders. Runs after the plugins that add errors (the request guards' partial
 * errors); fields holding paths are shown by the ShownPath and ShownText middlewares.
 */
export function shownPaths(): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (contextValue.paths.trusted || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.errors) result.errors = result.errors.map((e) => shownError(e, contextValue.paths));
        },
      };
    },
  };
}

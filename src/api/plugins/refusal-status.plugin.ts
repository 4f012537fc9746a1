import type { ApolloServerPlugin } from '@apollo/server';
import type { ErrorKind } from '../error-format.js';

/**
 * The HTTP status of a request refused before execution, by the class of its errors. Apollo answers
 * 500 for an error thrown by a plugin (a guard) unless that error names a status, which would make a
 * client's mistake read as a server fault.
 */
const STATUS_OF_KIND: Readonly<Record<Exclude<ErrorKind, 'INTERNAL_SERVER_ERROR'>, number>> = {
  BAD_USER_INPUT: 400,
  LIMIT_EXCEEDED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
};

function statusOf(kind: unknown): number | undefined {
  return typeof kind === 'string' && kind in STATUS_OF_KIND ? STATUS_OF_KIND[kind as keyof typeof STATUS_OF_KIND] : undefined;
}

/**
 * Gives a response that Apollo would send as 500 with no data the status of its refusal instead:
 * the first error's `extensions.kind` (a domain error, see kindOf) or an Apollo BAD_USER_INPUT.
 * Responses with data, and real internal errors, keep their status.
 */
export function refusalStatus<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.http.status !== 500 || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (data !== undefined && data !== null) return;
          const statuses = (errors ?? []).map((e) => statusOf(e.extensions?.['kind'] ?? (e.extensions?.['code'] === 'BAD_USER_INPUT' ? 'BAD_USER_INPUT' : undefined)));
          if (statuses.length && statuses.every((s) => s !== undefined)) response.http.status = statuses[0]!;
        },
      };
    },
  };
}

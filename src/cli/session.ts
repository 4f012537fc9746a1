import type { App } from '../main.js';
import type { ServerFile } from '../sharing/server-file.js';
import { ErrorCode, TokenscopeError } from '../errors.js';
import { postOperation } from './server-session.js';

/** A GraphQL error as an operation returns it (in process or over HTTP, the same shape). */
export interface OperationError {
  message: string;
  extensions?: Record<string, unknown>;
}

/** What one operation returns. */
export interface OperationResult {
  data: unknown;
  errors: readonly OperationError[];
}

/**
 * Where a command's operations go: the database opened in this process, or the running server
 * that holds it (DESIGN.md, "One database, many processes"). Commands see only `run`, so their
 * output and exit codes are the same either way.
 */
export interface CliSession {
  /** Runs one GraphQL operation with the CLI's rights. */
  run(query: string, variables: Record<string, unknown>): Promise<OperationResult>;
  /** The app, when this process opened the database; null when a server holds it. */
  readonly app: App | null;
  /** The server the operations go through, when one holds the database. */
  readonly server: ServerFile | null;
}

/** A session on a database this process opened. */
export function localSession(app: App): CliSession {
  return {
    app,
    server: null,
    run: async (query, variables) => {
      const response = await app.api.apollo.executeOperation({ query, variables }, { contextValue: app.api.trustedContext() });
      if (response.body.kind !== 'single') throw new TokenscopeError(ErrorCode.INTERNAL, 'unexpected incremental response');
      const { data, errors = [] } = response.body.singleResult;
      return { data: data ?? null, errors: errors as readonly OperationError[] };
    },
  };
}

/** A session through the running server `server`. */
export function serverSession(server: ServerFile): CliSession {
  return { app: null, server, run: (query, variables) => postOperation(server, query, variables) };
}

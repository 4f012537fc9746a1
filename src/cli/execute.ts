import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { App } from '../main.js';
import { localSession } from './session.js';
import type { CliSession } from './session.js';

/** A GraphQL error as the CLI reports it. */
export interface CliGraphQLError {
  message: string;
  code: string;
}

/**
 * Runs a typed operation, in process or through the server that holds the database (the session
 * decides); returns data and the errors of partly successful operations.
 */
export async function execute<R, V extends Record<string, unknown>>(
  target: CliSession | App,
  document: TypedDocumentNode<R, V>,
  variables: V,
): Promise<{ data: R; errors: CliGraphQLError[] }> {
  // An App (benchmarks and scripts that open one themselves) is a local session.
  const session = 'run' in target ? target : localSession(target);
  const { data, errors } = await session.run(print(document), variables);
  const mapped = errors.map((e) => ({ message: e.message, code: String(e.extensions?.['code'] ?? 'ERROR') }));
  if (data === null || data === undefined) {
    const first = mapped[0];
    throw new CliError(first ? `${first.message}` : 'no data returned', first?.code ?? 'ERROR');
  }
  return { data: data as R, errors: mapped };
}

/** An error the CLI prints as `error [CODE]: message` before exiting non-zero. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

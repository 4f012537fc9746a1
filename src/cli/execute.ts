import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { ErrorCode, TokenscopeError } from '../errors.js';
import type { App } from '../main.js';

/** A GraphQL error as the CLI reports it. */
export interface CliGraphQLError {
  message: string;
  code: string;
}

/** Runs a typed operation in process; returns data and the errors of partly successful operations. */
export async function execute<R, V extends Record<string, unknown>>(
  app: App,
  document: TypedDocumentNode<R, V>,
  variables: V,
): Promise<{ data: R; errors: CliGraphQLError[] }> {
  const response = await app.api.apollo.executeOperation<R, V>({ query: print(document), variables }, { contextValue: app.api.trustedContext() });
  if (response.body.kind !== 'single') throw new TokenscopeError(ErrorCode.INTERNAL, 'unexpected incremental response');
  const { data, errors = [] } = response.body.singleResult;
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

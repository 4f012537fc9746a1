import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { App } from '../src/main.js';

/** A typed operation ready to run repeatedly: printed once, as a client would send it. */
export interface PreparedOperation<R, V> {
  query: string;
  variables: V;
  document: TypedDocumentNode<R, V>;
}

/** Prints `document` once so the timed runs measure the server, not the printer. */
export function prepare<R, V extends Record<string, unknown>>(document: TypedDocumentNode<R, V>, variables: V): PreparedOperation<R, V> {
  return { query: print(document), variables, document };
}

/** Runs a prepared operation in process through Apollo (parse, validate, guards, resolvers); throws on any error. */
export async function execute<R, V extends Record<string, unknown>>(app: App, op: PreparedOperation<R, V>): Promise<R> {
  const response = await app.api.apollo.executeOperation<R, V>({ query: op.query, variables: op.variables }, { contextValue: app.api.trustedContext() });
  if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
  const { data, errors } = response.body.singleResult;
  if (errors?.length) throw new Error(`operation failed: ${errors.map((e) => `[${String(e.extensions?.['code'] ?? 'ERROR')}] ${e.message}`).join('; ')}`);
  if (data === null || data === undefined) throw new Error('operation returned no data');
  return data as R;
}

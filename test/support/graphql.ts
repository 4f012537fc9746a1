import assert from 'node:assert/strict';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { DocumentNode, GraphQLFormattedError } from 'graphql';
import type { App } from '../../src/main.js';

/** What one GraphQL operation returned: data (possibly partial) and the top-level errors. */
export interface GraphQLOutcome<TData> {
  data: TData | null | undefined;
  errors: readonly GraphQLFormattedError[];
}

/**
 * Runs a typed operation in process with a trusted context (mutations allowed), as the CLI does.
 * The result goes through JSON as it would over HTTP, so data holds plain objects (not graphql-js's
 * null-prototype ones) and scalars in their wire form (dates as ISO strings).
 */
export async function execute<TData, TVariables extends Record<string, unknown>>(
  app: App,
  document: TypedDocumentNode<TData, TVariables> | DocumentNode,
  variables: TVariables,
): Promise<GraphQLOutcome<TData>> {
  const response = await app.api.apollo.executeOperation<TData>(
    { query: document as DocumentNode, variables },
    { contextValue: app.api.trustedContext() },
  );
  assert.equal(response.body.kind, 'single', 'expected a single (non-incremental) result');
  const result = response.body.kind === 'single' ? response.body.singleResult : { data: undefined, errors: undefined };
  return JSON.parse(JSON.stringify({ data: result.data, errors: result.errors ?? [] })) as GraphQLOutcome<TData>;
}

/** The data of an outcome that must have succeeded; fails listing the errors otherwise. */
export function dataOf<TData>(outcome: GraphQLOutcome<TData>): TData {
  assert.deepEqual(outcome.errors.map((e) => `${String(e.extensions?.['code'])}: ${e.message}`), [], 'unexpected GraphQL errors');
  assert.ok(outcome.data, 'no data');
  return outcome.data;
}

/**
 * Asserts that an outcome carries exactly one top-level error, with extensions.code `code` and a
 * message matching every pattern in `message`; returns it for further checks.
 */
export function onlyError(outcome: GraphQLOutcome<unknown>, code: string, ...message: RegExp[]): GraphQLFormattedError {
  assert.equal(outcome.errors.length, 1, `expected one error, got: ${outcome.errors.map((e) => e.message).join(' | ') || 'none'}`);
  const error = outcome.errors[0]!;
  assert.equal(error.extensions?.['code'], code, `code of "${error.message}"`);
  for (const pattern of message) assert.match(error.message, pattern);
  return error;
}

/** A RegExp matching `text` literally. */
export function literally(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

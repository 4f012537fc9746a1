import { GraphQLError } from 'graphql';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/**
 * The estimated cost of one operation of `document`: each field's `complexity` (src/api/costs.ts),
 * 1 plus its selection for a field without one. Expands fragments: check the operation's size
 * (operationShape) first. Estimating coerces the variables and arguments before Apollo would: a
 * wrong one (`$n: Int!` given "abc", a null for a non-null argument) is the client's mistake, so it
 * is answered as Apollo answers it during execution, BAD_USER_INPUT with HTTP 400.
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>): number {
  try {
    return getComplexity({
      schema,
      query: document,
      ...(operationName ? { operationName } : {}),
      variables,
      estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch (err) {
    if (!(err instanceof GraphQLError)) throw err;
    throw new GraphQLError(err.message, { nodes: err.nodes ?? null, extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
  }
}

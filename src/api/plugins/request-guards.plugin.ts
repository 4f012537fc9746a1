import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { ErrorCode, TokenscopeError } from '../../errors.js';
import type { ApiContext } from '../context.js';
import { toGraphQLError } from '../error-format.js';
import { LIMITS } from '../limits.js';
import { selectionDepth } from '../selection-depth.js';

/**
 * A guard's refusal as a GraphQL error carrying the HTTP status to answer with: Apollo sends errors
 * thrown before execution with status 500 unless told otherwise, which would read as a server fault.
 */
function refusal(err: TokenscopeError, status: 400 | 401): GraphQLError {
  const g = toGraphQLError(err);
  return new GraphQLError(g.message, { extensions: { ...g.extensions, http: { status } } });
}

/**
 * The estimated cost of an operation. Estimating coerces the variables and arguments, before Apollo
 * would: a wrong one (`$n: Int!` given "abc", a null for a non-null argument) is the client's
 * mistake, so it is answered as Apollo answers it during execution, BAD_USER_INPUT with HTTP 400.
 */
function complexityOf(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown> | undefined): number {
  try {
    return getComplexity({
      schema,
      query: document,
      ...(operationName ? { operationName } : {}),
      variables: variables ?? {},
      estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch (err) {
    if (!(err instanceof GraphQLError)) throw err;
    throw new GraphQLError(err.message, { nodes: err.nodes ?? null, extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
  }
}

/**
 * Checks each operation before it runs: mutations need the right to mutate, selections may nest at
 * most LIMITS.maxDepth deep and cost at most LIMITS.maxComplexity. Also adds the partial errors
 * resolvers recorded (e.g. failed files of an ingest) to the response.
 */
export function requestGuards(schema: () => GraphQLSchema): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, contextValue }) {
          if (!operation) return;
          if (operation.operation === 'mutation' && !contextValue.mayMutate) {
            throw refusal(new TokenscopeError(ErrorCode.UNAUTHENTICATED, contextValue.mutationRefusal ?? 'mutations are not allowed'), 401);
          }
          const depth = selectionDepth(operation, document);
          if (depth > LIMITS.maxDepth) {
            throw refusal(new TokenscopeError(ErrorCode.LIMIT_EXCEEDED, `query depth ${depth} exceeds the maximum of ${LIMITS.maxDepth}`, { depth, max: LIMITS.maxDepth }), 400);
          }
          const complexity = complexityOf(schema(), document, request.operationName, request.variables);
          if (complexity > LIMITS.maxComplexity) {
            throw refusal(
              new TokenscopeError(ErrorCode.LIMIT_EXCEEDED, `query complexity ${complexity} exceeds the maximum of ${LIMITS.maxComplexity}; ask for smaller pages`, { complexity, max: LIMITS.maxComplexity }),
              400,
            );
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !contextValue.partialErrors.length) return;
          const extra = contextValue.partialErrors.map((e) => e.toJSON());
          response.body.singleResult.errors = [...(response.body.singleResult.errors ?? []), ...extra];
        },
      };
    },
  };
}

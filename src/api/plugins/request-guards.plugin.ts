import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { GraphQLSchema } from 'graphql';
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
 * The first LIMITS.maxPartialErrors partial errors, then one saying how many more were left out:
 * a batch of 256 bad files must not answer with thousands of errors.
 */
function boundedPartialErrors(errors: readonly GraphQLError[]): readonly GraphQLError[] {
  const max = LIMITS.maxPartialErrors;
  if (errors.length <= max) return errors;
  const left = errors.length - max;
  const note = new TokenscopeError(
    ErrorCode.LIMIT_EXCEEDED,
    `… and ${left.toLocaleString('en-US')} more errors left out of this response (at most ${max} are listed); the per-file reports count them all`,
    { leftOut: left, max },
  );
  return [...errors.slice(0, max), toGraphQLError(note)];
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
          const complexity = getComplexity({
            schema: schema(),
            query: document,
            ...(request.operationName ? { operationName: request.operationName } : {}),
            variables: request.variables ?? {},
            estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
          });
          if (complexity > LIMITS.maxComplexity) {
            throw refusal(
              new TokenscopeError(ErrorCode.LIMIT_EXCEEDED, `query complexity ${complexity} exceeds the maximum of ${LIMITS.maxComplexity}; ask for smaller pages`, { complexity, max: LIMITS.maxComplexity }),
              400,
            );
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !contextValue.partialErrors.length) return;
          const extra = boundedPartialErrors(contextValue.partialErrors).map((e) => e.toJSON());
          response.body.singleResult.errors = [...(response.body.singleResult.errors ?? []), ...extra];
        },
      };
    },
  };
}

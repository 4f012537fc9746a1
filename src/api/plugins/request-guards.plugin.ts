import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { ErrorCode, TokenscopeError } from '../../errors.js';
import type { ApiContext } from '../context.js';
import { toGraphQLError } from '../error-format.js';
import { LIMITS } from '../limits.js';
import { selectionDepth } from '../selection-depth.js';

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
            throw toGraphQLError(new TokenscopeError(ErrorCode.UNAUTHENTICATED, contextValue.mutationRefusal ?? 'mutations are not allowed'));
          }
          const depth = selectionDepth(operation, document);
          if (depth > LIMITS.maxDepth) {
            throw toGraphQLError(new TokenscopeError(ErrorCode.LIMIT_EXCEEDED, `query depth ${depth} exceeds the maximum of ${LIMITS.maxDepth}`, { depth, max: LIMITS.maxDepth }));
          }
          const complexity = getComplexity({
            schema: schema(),
            query: document,
            ...(request.operationName ? { operationName: request.operationName } : {}),
            variables: request.variables ?? {},
            estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
          });
          if (complexity > LIMITS.maxComplexity) {
            throw toGraphQLError(
              new TokenscopeError(ErrorCode.LIMIT_EXCEEDED, `query complexity ${complexity} exceeds the maximum of ${LIMITS.maxComplexity}; ask for smaller pages`, { complexity, max: LIMITS.maxComplexity }),
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

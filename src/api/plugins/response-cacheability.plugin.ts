import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import type { ApiContext } from '../context.js';
import { STORE_ONLY_ROOT_FIELDS } from '../response-cache.js';

/**
 * Marks a request whose whole response may be kept by the ResponseCache: a query whose root
 * selections are all fields that read only stored data (no fragments at the root, no job
 * progress, no model files), answered without any error.
 */
export function responseCacheability(): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          contextValue.responseCaching.keep =
            operation?.operation === 'query' && operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && STORE_ONLY_ROOT_FIELDS.has(s.name.value));
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || response.body.singleResult.errors?.length || contextValue.partialErrors.length) contextValue.responseCaching.keep = false;
        },
      };
    },
  };
}

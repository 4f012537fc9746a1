import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind } from 'graphql';
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { ErrorCode, TokenscopeError } from '../../errors.js';
import type { ApiContext } from '../context.js';
import { toGraphQLError } from '../error-format.js';
import { createLanes } from '../lanes.js';
import type { Release } from '../lanes.js';
import { LIMITS } from '../limits.js';
import { operationCost } from '../operation-cost.js';
import { operationShape } from '../operation-shape.js';

/**
 * A guard's refusal as a GraphQL error carrying the HTTP status to answer with: Apollo sends errors
 * thrown before execution with status 500 unless told otherwise, which would read as a server fault.
 */
function refusal(err: TokenscopeError, status: 400 | 401 | 503): GraphQLError {
  const g = toGraphQLError(err);
  return new GraphQLError(g.message, { extensions: { ...g.extensions, http: { status } } });
}

function overLimit(limit: string, what: string, found: number, max: number, advice: string): GraphQLError {
  return refusal(new TokenscopeError(ErrorCode.LIMIT_EXCEEDED, `${what} ${found} exceeds the maximum of ${max} (${limit}); ${advice}`, { limit, found, max }), 400);
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

/** True for a query whose every root selection is an introspection field (`__schema`, `__type`, `__typename`). */
function introspectionOnly(operation: OperationDefinitionNode): boolean {
  return operation.operation === 'query' && operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'));
}

/**
 * Refuses an operation too big to run, cheapest check first: its size after fragment expansion
 * (field selections, root fields, aliases of one field, depth), measured without expanding, then
 * its estimated cost, which expands fragments and so must come after the size checks.
 * Returns the cost.
 */
function checkOperation(schema: GraphQLSchema, operation: OperationDefinitionNode, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>): number {
  const shape = operationShape(operation, document);
  if (shape.fields > LIMITS.maxFieldSelections) throw overLimit('maxFieldSelections', 'field selections (after fragment expansion)', shape.fields, LIMITS.maxFieldSelections, 'select fewer fields');
  if (shape.rootFields > LIMITS.maxRootFields) throw overLimit('maxRootFields', 'root fields', shape.rootFields, LIMITS.maxRootFields, 'send fewer operations at once');
  if (shape.mostAliased && shape.mostAliased.count > LIMITS.maxAliasesPerField) {
    throw overLimit('maxAliasesPerField', `aliases of field ${shape.mostAliased.field}`, shape.mostAliased.count, LIMITS.maxAliasesPerField, 'ask for fewer copies of one field');
  }
  // Introspection nests deeper than any data query (type references wrap up to 8 ofType levels),
  // but it only reads the schema: its own, larger cap lets a GraphQL IDE load the schema docs.
  const [limit, maxDepth] = introspectionOnly(operation) ? ['maxIntrospectionDepth', LIMITS.maxIntrospectionDepth] : ['maxDepth', LIMITS.maxDepth];
  if (shape.depth > maxDepth) {
    throw refusal(new TokenscopeError(ErrorCode.LIMIT_EXCEEDED, `query depth ${shape.depth} exceeds the maximum of ${maxDepth}`, { limit, depth: shape.depth, max: maxDepth }), 400);
  }
  const complexity = operationCost(schema, document, operationName, variables);
  if (complexity > LIMITS.maxComplexity) {
    throw refusal(
      new TokenscopeError(ErrorCode.LIMIT_EXCEEDED, `query complexity ${complexity} exceeds the maximum of ${LIMITS.maxComplexity}; ask for smaller pages`, { limit: 'maxComplexity', complexity, max: LIMITS.maxComplexity }),
      400,
    );
  }
  return complexity;
}

/**
 * Checks each operation before it runs: mutations need the right to mutate; the operation's size
 * and estimated cost must lie within LIMITS. Then it waits for a place in its lane (heavy from
 * LIMITS.heavyCost on, else cheap), held until all its work has stopped, so heavy operations can
 * never take every place. Queries run under the request's time budget; mutations are exempt.
 * Also adds the partial errors resolvers recorded (e.g. failed files of an ingest) to the response.
 */
export function requestGuards(schema: () => GraphQLSchema): ApolloServerPlugin<ApiContext> {
  const lanes = createLanes(LIMITS);
  const releases = new WeakMap<ApiContext, Release>();
  const finish = (context: ApiContext): void => {
    context.budget.stop();
    const release = releases.get(context);
    releases.delete(context);
    if (release) void context.budget.settled().then(release);
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, contextValue }) {
          if (!operation) return;
          if (operation.operation === 'mutation') {
            if (!contextValue.mayMutate) throw refusal(new TokenscopeError(ErrorCode.UNAUTHENTICATED, contextValue.mutationRefusal ?? 'mutations are not allowed'), 401);
            contextValue.budget.stop();
          }
          const cost = checkOperation(schema(), operation, document, request.operationName, request.variables ?? {});
          try {
            releases.set(contextValue, await (cost >= LIMITS.heavyCost ? lanes.heavy : lanes.cheap).enter(contextValue.budget.signal));
          } catch (err) {
            if (err instanceof TokenscopeError) throw refusal(err, 503);
            throw err;
          }
        },
        async willSendResponse({ response, contextValue }) {
          finish(contextValue);
          if (response.body.kind !== 'single' || !contextValue.partialErrors.length) return;
          const extra = boundedPartialErrors(contextValue.partialErrors).map((e) => e.toJSON());
          response.body.singleResult.errors = [...(response.body.singleResult.errors ?? []), ...extra];
        },
      };
    },
    async unexpectedErrorProcessingRequest({ requestContext }) {
      finish(requestContext.contextValue);
    },
  };
}

import { GraphQLError } from 'graphql';
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode, TokenscopeError, UnreachableCaseError } from '../errors.js';
import { LIMITS } from './limits.js';

/** The HTTP-ish class of a domain error, shown as `extensions.kind` beside its code. */
export type ErrorKind = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'LIMIT_EXCEEDED' | 'INTERNAL_SERVER_ERROR';

/** The class of a domain error: `extensions.kind` in GraphQL, the status of the plain HTTP routes. */
export function kindOf(code: ErrorCode): ErrorKind {
  switch (code) {
    case ErrorCode.INVALID_CODES:
    case ErrorCode.INVALID_AUDIO:
    case ErrorCode.INVALID_LABELS:
    case ErrorCode.INVALID_MANIFEST:
    case ErrorCode.INVALID_DATASET:
    case ErrorCode.UNSUPPORTED_FORMAT:
    case ErrorCode.INVALID_MODEL:
    case ErrorCode.INVALID_ARGUMENT:
    case ErrorCode.MODEL_MISMATCH:
    case ErrorCode.UNSUPPORTED_OPERATION:
    case ErrorCode.UNREADABLE_FILE:
      return 'BAD_USER_INPUT';
    case ErrorCode.NOT_FOUND:
      return 'NOT_FOUND';
    case ErrorCode.ALREADY_EXISTS:
    case ErrorCode.DATABASE_BUSY:
    case ErrorCode.SERVER_RUNNING:
    case ErrorCode.ADDRESS_IN_USE:
    case ErrorCode.SOURCE_CHANGED:
    case ErrorCode.SHARD_CONFLICT:
    case ErrorCode.DATASET_CHANGED:
      return 'CONFLICT';
    case ErrorCode.READ_ONLY_CORPUS:
      return 'FORBIDDEN';
    case ErrorCode.PATH_OUTSIDE_ROOTS:
      return 'FORBIDDEN';
    case ErrorCode.UNAUTHENTICATED:
      return 'UNAUTHENTICATED';
    case ErrorCode.LIMIT_EXCEEDED:
      return 'LIMIT_EXCEEDED';
    case ErrorCode.INTERNAL:
    case ErrorCode.SERVER_UNREACHABLE:
      return 'INTERNAL_SERVER_ERROR';
    default:
      throw new UnreachableCaseError(code);
  }
}

/** Turns a domain error into a GraphQL error carrying its code and details. */
export function toGraphQLError(err: TokenscopeError, path?: readonly (string | number)[]): GraphQLError {
  return new GraphQLError(err.message, {
    path,
    extensions: { code: err.code, kind: kindOf(err.code), ...err.details },
  });
}

/** What graphql-js's parser says when a document passes parseOptions.maxTokens (16.x spells it "more that"). */
const TOKEN_LIMIT = /^Syntax Error: Document contains more th(?:an|at) (\d+) tokens\. Parsing aborted\.$/;

/**
 * Apollo's formatError: domain errors keep their code and message; GraphQL's own (syntax,
 * validation, bad variables) pass through, but the parser's token limit reads as the cap it is
 * (LIMIT_EXCEEDED); anything else is masked and logged with its stack.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const parseFailed = formatted.extensions?.['code'] === 'GRAPHQL_PARSE_FAILED';
  const tokens = parseFailed ? TOKEN_LIMIT.exec(formatted.message) : null;
  if (tokens) {
    const max = Number(tokens[1]);
    return { message: `query document must have at most ${max} tokens; received more (variables do not count: pass large values as variables)`, extensions: { code: ErrorCode.LIMIT_EXCEEDED, kind: 'LIMIT_EXCEEDED', max } };
  }
  if (parseFailed && formatted.message === 'Maximum call stack size exceeded') {
    return { message: `query nests too deeply to parse; at most ${LIMITS.maxDepth} levels are allowed`, extensions: { code: ErrorCode.LIMIT_EXCEEDED, kind: 'LIMIT_EXCEEDED', max: LIMITS.maxDepth } };
  }
  const unwrapped = unwrapResolverError(error);
  // What a plugin (a guard) throws arrives wrapped in a GraphQLError without a path: judge its cause.
  const original = unwrapped instanceof GraphQLError && unwrapped.originalError && !(unwrapped.originalError instanceof GraphQLError) ? unwrapped.originalError : unwrapped;
  if (original instanceof TokenscopeError) {
    if (original.code === ErrorCode.INTERNAL) console.error(original);
    const g = toGraphQLError(original);
    return { ...formatted, message: original.code === ErrorCode.INTERNAL ? 'internal error' : g.message, extensions: g.extensions };
  }
  if (original instanceof GraphQLError || !(original instanceof Error) || formatted.extensions?.['code'] !== 'INTERNAL_SERVER_ERROR') {
    return formatted;
  }
  console.error(original);
  return { message: 'internal error', ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: ErrorCode.INTERNAL, kind: 'INTERNAL_SERVER_ERROR' } };
}

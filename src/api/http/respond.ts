import type { ServerResponse } from 'node:http';
import type { ErrorCode } from '../../errors.js';
import { kindOf } from '../error-format.js';
import type { ErrorKind } from '../error-format.js';

/** Codes of the JSON errors of the plain HTTP routes: the domain's, plus the HTTP layer's own. */
export type HttpErrorCode = ErrorCode | 'METHOD_NOT_ALLOWED' | 'HOST_NOT_ALLOWED' | 'BAD_REQUEST';

/** The JSON body of every error of the plain HTTP routes. */
export interface HttpErrorBody {
  error: { code: HttpErrorCode; message: string };
}

/**
 * The HTTP status of each class of domain error. A refused write is 403, not 401: the client is
 * known (or anonymous) but may not do this.
 */
const STATUS_OF_KIND: Readonly<Record<ErrorKind, number>> = {
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 403,
  LIMIT_EXCEEDED: 413,
  INTERNAL_SERVER_ERROR: 500,
};

/** The HTTP status of a domain error answered by a plain route (its class, as GraphQL reports it). */
export function httpStatusOf(code: ErrorCode): number {
  return STATUS_OF_KIND[kindOf(code)];
}

/** Answers with a short plain-text body (a newline is added). */
export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', ...headers }).end(`${text}\n`);
}

/** Answers with a JSON body. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff', ...headers }).end(JSON.stringify(body));
}

/**
 * Answers with a GraphQL-shaped `{ "errors": [{ "message", "extensions": { "code" } }] }`: what
 * /graphql answers, and what any route answers before it knows which route it is (the host check).
 */
export function sendGraphQLError(res: ServerResponse, status: number, code: HttpErrorCode, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] }, headers);
}

/** Answers with `{ "error": { "code", "message" } }`. */
export function sendJsonError(res: ServerResponse, status: number, code: HttpErrorCode, message: string, headers: Record<string, string> = {}): void {
  const body: HttpErrorBody = { error: { code, message } };
  sendJson(res, status, body, headers);
}

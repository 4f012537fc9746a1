import type { ServerResponse } from 'node:http';
import { ErrorCode, UnreachableCaseError } from '../../errors.js';

/** Codes of the JSON errors of the plain HTTP routes: the domain's, plus the HTTP layer's own. */
export type HttpErrorCode = ErrorCode | 'METHOD_NOT_ALLOWED';

/** The JSON body of every error of the plain HTTP routes. */
export interface HttpErrorBody {
  error: { code: HttpErrorCode; message: string };
}

/** The HTTP status of a domain error answered by a plain route. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.INVALID_CODES:
    case ErrorCode.INVALID_AUDIO:
    case ErrorCode.INVALID_LABELS:
    case ErrorCode.UNSUPPORTED_FORMAT:
    case ErrorCode.INVALID_MODEL:
    case ErrorCode.INVALID_ARGUMENT:
    case ErrorCode.MODEL_MISMATCH:
    case ErrorCode.UNREADABLE_FILE:
      return 400;
    case ErrorCode.NOT_FOUND:
      return 404;
    case ErrorCode.ALREADY_EXISTS:
      return 409;
    // A refused write: the client is known (or anonymous) but may not do this, so not 401.
    case ErrorCode.UNAUTHENTICATED:
    case ErrorCode.PATH_OUTSIDE_ROOTS:
      return 403;
    case ErrorCode.LIMIT_EXCEEDED:
      return 413;
    case ErrorCode.INTERNAL:
      return 500;
    default:
      throw new UnreachableCaseError(code);
  }
}

/** Answers with a short plain-text body (a newline is added). */
export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', ...headers }).end(`${text}\n`);
}

/** Answers with a JSON body. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff', ...headers }).end(JSON.stringify(body));
}

/** Answers with `{ "error": { "code", "message" } }`. */
export function sendJsonError(res: ServerResponse, status: number, code: HttpErrorCode, message: string, headers: Record<string, string> = {}): void {
  const body: HttpErrorBody = { error: { code, message } };
  sendJson(res, status, body, headers);
}

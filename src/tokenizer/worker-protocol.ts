import { ErrorCode, TokenscopeError } from '../errors.js';
import type { LoadedModel } from './open-tokenizer.js';
import type { ModelInfo, TokenizerOptions } from './tokenizer.js';

/** Messages to the encoder worker. */
export type ToWorker =
  | { readonly type: 'open'; readonly model: LoadedModel; readonly options: TokenizerOptions }
  | { readonly type: 'encode'; readonly id: number; readonly samples: Float32Array }
  | { readonly type: 'close' };

/** An error as it crosses the thread boundary: the domain code survives, the class is rebuilt. */
export interface WireError {
  readonly code: ErrorCode | null;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly stack?: string;
}

/** Messages from the encoder worker. */
export type FromWorker =
  | { readonly type: 'opened'; readonly model: ModelInfo }
  | { readonly type: 'encoded'; readonly id: number; readonly tokens: Uint16Array }
  | { readonly type: 'failed'; readonly id: number | null; readonly error: WireError }
  | { readonly type: 'closed' };

export function toWire(error: unknown): WireError {
  if (error instanceof TokenscopeError) return { code: error.code, message: error.message, details: error.details, ...(error.stack ? { stack: error.stack } : {}) };
  const e = error instanceof Error ? error : new Error(String(error));
  return { code: null, message: e.message, details: {}, ...(e.stack ? { stack: e.stack } : {}) };
}

/** The error again on this side: a TokenscopeError with its code, or a plain Error (unexpected, stays masked at the API edge); `where` names the worker in its stack. */
export function fromWire(wire: WireError, where = 'the encoder worker'): Error {
  const error = wire.code ? new TokenscopeError(wire.code, wire.message, wire.details) : new Error(wire.message);
  if (wire.stack) error.stack = `${error.name}: ${wire.message}\n    (in ${where})\n${wire.stack.split('\n').slice(1).join('\n')}`;
  return error;
}

/** Error code of a worker that died or exited while work was pending. */
export const WORKER_LOST = ErrorCode.INTERNAL;

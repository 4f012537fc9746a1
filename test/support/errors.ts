import assert from 'node:assert/strict';
import { TokenscopeError } from '../../src/errors.js';
import type { ErrorCode } from '../../src/errors.js';

/** Asserts that `call` throws a TokenscopeError with `code` and a message matching `message`. */
export function assertThrowsCode(call: () => unknown, code: ErrorCode, message: RegExp): void {
  assert.throws(call, (error: unknown) => checkError(error, code, message));
}

/** Asserts that `promise` rejects with a TokenscopeError with `code` and a message matching `message`. */
export async function assertRejectsCode(promise: Promise<unknown>, code: ErrorCode, message: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => checkError(error, code, message));
}

function checkError(error: unknown, code: ErrorCode, message: RegExp): true {
  assert.ok(error instanceof TokenscopeError, `expected a TokenscopeError, got ${String(error)}`);
  assert.equal(error.code, code);
  assert.match(error.message, message);
  return true;
}

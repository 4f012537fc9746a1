import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { LAYER_COUNT } from '../../../../src/domain/contract.js';
import type { CodeMatrix } from '../../../../src/domain/code-matrix.js';
import { codeMatrix } from '../../../../src/domain/code-matrix.js';
import type { ErrorCode } from '../../../../src/errors.js';
import { TokenscopeError } from '../../../../src/errors.js';
import type { CodeItem, CodeParseResult } from '../../../../src/ingest/codes/code-item.js';
import { isCodeItemFailure } from '../../../../src/ingest/codes/code-item.js';

/** Deterministic frame-major rows: frame f, layer index l holds (f·16 + l)·37 + seed mod 2048. */
export function sampleRows(frames: number, seed = 0): number[][] {
  return Array.from({ length: frames }, (_, f) =>
    Array.from({ length: LAYER_COUNT }, (_, l) => ((f * LAYER_COUNT + l) * 37 + seed) % 2048),
  );
}

/** The same tokens as sampleRows, as a CodeMatrix. */
export function sampleMatrix(frames: number, seed = 0): CodeMatrix {
  return codeMatrix(Uint16Array.from(sampleRows(frames, seed).flat()));
}

/** A 16 × N (layer-major) copy of frame-major rows. */
export function transpose(rows: number[][]): number[][] {
  return Array.from({ length: rows[0]!.length }, (_, c) => rows.map((row) => row[c]!));
}

/** A fresh directory under the OS temp dir, removed when the test file finishes. */
export async function tmpDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tokenscope-codes-'));
  after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes `content` to `name` inside `dir` and returns the path. */
export async function fileIn(dir: string, name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

/** All results of an async iterable. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

/** Asserts a result is an item and returns it. */
export function expectItem(result: CodeParseResult | undefined): CodeItem {
  assert.ok(result !== undefined, 'expected a result');
  if (isCodeItemFailure(result)) assert.fail(`expected an item, got: ${result.error.message}`);
  return result;
}

/** Asserts `error` is a TokenscopeError with `code` whose message contains every fragment; returns it. */
export function expectError(error: unknown, code: ErrorCode, ...fragments: string[]): TokenscopeError {
  assert.ok(error instanceof TokenscopeError, `expected a TokenscopeError, got ${String(error)}`);
  assert.equal(error.code, code, error.message);
  for (const fragment of fragments) assert.ok(error.message.includes(fragment), `"${error.message}" lacks "${fragment}"`);
  return error;
}

/** Asserts a result is a failure with `code` and message fragments; returns its error. */
export function expectFailure(result: CodeParseResult | undefined, code: ErrorCode, ...fragments: string[]): TokenscopeError {
  assert.ok(result !== undefined && isCodeItemFailure(result), 'expected a failure');
  return expectError(result.error, code, ...fragments);
}

/** Runs `fn` and returns what it throws (failing if it does not). */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return assert.fail('expected an exception');
}

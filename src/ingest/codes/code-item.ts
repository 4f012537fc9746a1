import type { CodeMatrix } from '../../domain/code-matrix.js';
import { TokenscopeError } from '../../errors.js';
import { contentSha256 } from './content-hash.js';

/** Where one code matrix came from. */
export interface CodeSource {
  /** The file path as the caller gave it. */
  readonly path: string;
  /** 1-based line for JSONL; 0-based element index for a JSON list of objects; absent for a whole file. */
  readonly line?: number;
}

/** One validated code matrix read from a file, ready for the caller to store. */
export interface CodeItem {
  /** The file (and line) it came from. */
  readonly source: CodeSource;
  /** N frames × 16 layers, frame-major, tokens 0..2047. */
  readonly matrix: CodeMatrix;
  /** sha256 hex of the matrix's canonical bytes (see content-hash.ts); the same for any file format. */
  readonly contentSha256: string;
  /** String fields that came with the matrix, e.g. `audio`, `text`, `ref_audio` from the official JSONL. */
  readonly metadata: Readonly<Record<string, string>>;
}

/** One matrix that could not be read; the parser goes on with the next one. */
export interface CodeItemFailure {
  /** The file (and line) that failed. */
  readonly source: CodeSource;
  /** Always INVALID_CODES: the message names the file, line, frame, layer and value where known. */
  readonly error: TokenscopeError;
}

/** What a parser yields per matrix. */
export type CodeParseResult = CodeItem | CodeItemFailure;

/** True when a parse result is a failure rather than an item. */
export function isCodeItemFailure(result: CodeParseResult): result is CodeItemFailure {
  return 'error' in result;
}

/**
 * Runs `build` and wraps what it returns as an item (hashing the matrix), or a TokenscopeError it
 * throws as a failure; anything else is a bug and propagates.
 *
 * `build` runs without stack traces: a file can hold a million bad matrices, and capturing a stack
 * for each of their errors cost ~15 µs and most of the memory (their stacks are never shown: they
 * are the user's errors, not ours). `build` is synchronous and pure, so when anything but a
 * TokenscopeError escapes it is run again with stack traces, and that bug propagates with its stack.
 */
export function resultOf(
  source: CodeSource,
  build: () => { matrix: CodeMatrix; metadata?: Record<string, string> },
): CodeParseResult {
  const limit = Error.stackTraceLimit;
  let built: { matrix: CodeMatrix; metadata?: Record<string, string> };
  try {
    Error.stackTraceLimit = 0;
    built = build();
  } catch (error) {
    Error.stackTraceLimit = limit;
    if (error instanceof TokenscopeError) return { source, error };
    build(); // the same bug again, now with its stack
    throw error;
  } finally {
    Error.stackTraceLimit = limit;
  }
  const { matrix, metadata = {} } = built;
  return { source, matrix, contentSha256: contentSha256(matrix), metadata };
}

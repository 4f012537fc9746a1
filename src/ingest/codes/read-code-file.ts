import { extname } from 'node:path';
import { ErrorCode, TokenscopeError } from '../../errors.js';
import type { CodeParseResult } from './code-item.js';
import type { OrientationOptions } from './orientation.js';
import { parseNpyFile } from './parse-npy.js';
import { readWholeFile } from './file-access.js';
import { parseJsonArrayFile, parseJsonCodes } from './parse-json-array.js';
import { parseOfficialJsonl } from './parse-official-jsonl.js';

/** File extensions readCodeFile understands, lower-case. */
export const SUPPORTED_CODE_EXTENSIONS: readonly string[] = ['.jsonl', '.npy', '.json'];

/** Options for readCodeFile; `orientation` applies to .npy and .json (JSONL is always N×16). */
export type ReadCodeFileOptions = OrientationOptions;

/** Results handed over per step of readCodeFileBatches: one promise per batch, not per matrix. */
const BATCH = 4096;

/**
 * readCodeFile's results in batches: a JSON list of a million bad elements is a million results,
 * and an await per result cost more than parsing them (several µs each under async hooks).
 */
export async function* readCodeFileBatches(path: string, options: ReadCodeFileOptions = {}): AsyncGenerator<readonly CodeParseResult[]> {
  if (extname(path).toLowerCase() === '.json') {
    let batch: CodeParseResult[] = [];
    for (const result of parseJsonCodes((await readWholeFile(path)).toString('utf8'), path, options)) {
      batch.push(result);
      if (batch.length === BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
    return;
  }
  for await (const result of readCodeFile(path, options)) yield [result];
}

/**
 * Reads a code file, choosing the parser by extension (case-insensitive), as a stream of items and
 * per-item failures. Throws INVALID_CODES at once for an unsupported extension; iterating throws
 * UNREADABLE_FILE when the file is missing or cannot be read.
 */
export function readCodeFile(path: string, options: ReadCodeFileOptions = {}): AsyncIterable<CodeParseResult> {
  const extension = extname(path).toLowerCase();
  switch (extension) {
    case '.jsonl':
      return parseOfficialJsonl(path);
    case '.npy':
      return parseNpyFile(path, options);
    case '.json':
      return parseJsonArrayFile(path, options);
    default:
      throw new TokenscopeError(
        ErrorCode.INVALID_CODES,
        `${path}: unsupported code file extension '${extension || '(none)'}'; supported: ${SUPPORTED_CODE_EXTENSIONS.join(', ')}`,
        { path, extension, supported: SUPPORTED_CODE_EXTENSIONS },
      );
  }
}

import { createInterface } from 'node:readline';
import type { CodeMatrix } from '../../domain/code-matrix.js';
import type { CodeParseResult } from './code-item.js';
import { resultOf } from './code-item.js';
import type { CodeLocation } from './code-location.js';
import { invalidCodes, jsonlLineLocation, showValue } from './code-location.js';
import { openForReading, unreadableFile } from './file-access.js';
import type { Orientation } from './orientation.js';
import { validateRows } from './validate-rows.js';

/** The field of the official fine-tuning JSONL that holds the N × 16 matrix. */
export const AUDIO_CODES_FIELD = 'audio_codes';

/**
 * Streams the official fine-tuning JSONL (`prepare_data.py` output) one line at a time, yielding one
 * item or failure per non-blank line; memory is bounded by the longest line, not the file.
 * Throws UNREADABLE_FILE when the file cannot be opened or read.
 */
export async function* parseOfficialJsonl(path: string): AsyncGenerator<CodeParseResult> {
  const handle = await openForReading(path);
  const lines = createInterface({ input: handle.createReadStream({ encoding: 'utf8' }), crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  try {
    for (let lineNumber = 1; ; lineNumber++) {
      let next: IteratorResult<string>;
      try {
        next = await iterator.next();
      } catch (cause) {
        throw unreadableFile(path, cause); // only read failures; a parser bug must surface as itself
      }
      if (next.done === true) return;
      if (next.value.trim() === '') continue;
      yield parseOfficialJsonlLine(next.value, path, lineNumber);
    }
  } finally {
    lines.close();
    await handle.close();
  }
}

/** Parses one JSONL line (1-based `line`) into an item, or a failure naming the file and line. */
export function parseOfficialJsonlLine(text: string, path: string, line: number): CodeParseResult {
  const at = jsonlLineLocation(path, line);
  return resultOf(at.source, () => {
    const record = parseJsonObject(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, at);
    return officialRecordToMatrix(record, at, 'frame-major');
  });
}

/** Reads `audio_codes` (N × 16 unless told otherwise) and keeps the record's string fields as metadata. */
export function officialRecordToMatrix(
  record: Record<string, unknown>,
  at: CodeLocation,
  orientation: Orientation,
): { matrix: CodeMatrix; metadata: Record<string, string> } {
  if (!(AUDIO_CODES_FIELD in record)) {
    throw invalidCodes(at, `has no ${AUDIO_CODES_FIELD} field (found: ${Object.keys(record).join(', ') || 'none'})`);
  }
  const matrix = validateRows(record[AUDIO_CODES_FIELD], at, { field: AUDIO_CODES_FIELD, orientation });
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string') metadata[key] = value;
  }
  return { matrix, metadata };
}

/** JSON.parse that reports the location and requires an object at the top. */
function parseJsonObject(text: string, at: CodeLocation): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw invalidCodes(at, `invalid JSON (${reason})${endsEarly(reason, text) ? '; the line ends early, as if truncated' : ''}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidCodes(at, `expected a JSON object with ${AUDIO_CODES_FIELD}, found ${showValue(value)}`);
  }
  return value as Record<string, unknown>;
}

/** True when JSON.parse failed at the very end of the text, the signature of a truncated line. */
function endsEarly(reason: string, text: string): boolean {
  const position = /position (\d+)/.exec(reason);
  return /end of JSON/.test(reason) || (position !== null && Number(position[1]) >= text.trimEnd().length);
}

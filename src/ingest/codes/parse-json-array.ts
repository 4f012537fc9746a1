import { LAYER_COUNT } from '../../domain/contract.js';
import type { CodeParseResult } from './code-item.js';
import { resultOf } from './code-item.js';
import type { CodeLocation } from './code-location.js';
import { fileLocation, invalidCodes, jsonElementLocation, showValue } from './code-location.js';
import { readWholeFile } from './file-access.js';
import { AUDIO_CODES_FIELD, officialRecordToMatrix } from './parse-official-jsonl.js';
import type { Orientation, OrientationOptions } from './orientation.js';
import { resolveOrientation } from './orientation.js';
import { validateRows } from './validate-rows.js';

/** Reads a .json code file; see parseJsonCodes for the accepted forms. Throws UNREADABLE_FILE on I/O errors. */
export async function* parseJsonArrayFile(path: string, options: OrientationOptions = {}): AsyncGenerator<CodeParseResult> {
  const bytes = await readWholeFile(path);
  yield* parseJsonCodes(bytes.toString('utf8'), path, options);
}

/**
 * Parses JSON text holding a bare N×16 (or 16×N) array, one `{ "audio_codes": …, …metadata }` object,
 * or a list of such objects (each its own item, with its 0-based index as `source.line`). Results
 * come one at a time, so a caller that keeps only some of a long list's failures holds only those.
 */
export function* parseJsonCodes(text: string, path: string, options: OrientationOptions = {}): Generator<CodeParseResult> {
  const at = fileLocation(path);
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    yield { source: at.source, error: invalidCodes(at, `invalid JSON (${reason})`) };
    return;
  }
  if (Array.isArray(value) && (value.length === 0 || Array.isArray(value[0]))) {
    const rows = value;
    yield resultOf(at.source, () => ({ matrix: validateRows(rows, at, { orientation: detect(rows, options, at) }) }));
  } else if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) yield recordResult(value[index], jsonElementLocation(path, index), options);
  } else {
    yield recordResult(value, at, options);
  }
}

/** One `{ audio_codes, …metadata }` object; a square matrix there is read as the official N×16. */
function recordResult(value: unknown, at: CodeLocation, options: OrientationOptions): CodeParseResult {
  return resultOf(at.source, () => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw invalidCodes(at, `expected an object with ${AUDIO_CODES_FIELD} or an N×16 array, found ${showValue(value)}`);
    }
    const record = value as Record<string, unknown>;
    const orientation = detect(record[AUDIO_CODES_FIELD], options, at, 'frame-major');
    return officialRecordToMatrix(record, at, orientation);
  });
}

/**
 * Orientation of nested rows: the caller's choice, else 16 rows of equal length N≠16 are layer-major,
 * 16×16 needs a choice (or `square` where the format implies one), and anything else is read
 * frame-major so validateRows can name the first bad frame.
 */
function detect(rows: unknown, options: OrientationOptions, at: CodeLocation, square?: Orientation): Orientation {
  if (options.orientation !== undefined) return options.orientation;
  if (!Array.isArray(rows) || rows.length !== LAYER_COUNT || !Array.isArray(rows[0])) return 'frame-major';
  const width = (rows[0] as unknown[]).length;
  if (!rows.every((row) => Array.isArray(row) && row.length === width)) return 'frame-major';
  if (width === LAYER_COUNT && square !== undefined) return square;
  return resolveOrientation([LAYER_COUNT, width], undefined, at);
}

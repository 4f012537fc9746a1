import { ErrorCode, TokenscopeError } from '../../errors.js';
import type { CodeSource } from './code-item.js';
import { excerpt } from '../../jsutils/excerpt.js';

/** A source plus how messages print it ("mix.jsonl line 7"). */
export interface CodeLocation {
  /** What goes into CodeItem.source. */
  readonly source: CodeSource;
  /** Prefix of every message about this matrix. */
  readonly label: string;
}

/** Where in a matrix a problem is: frame 0-based, layer 1..16, and the offending value. */
export interface CodePosition {
  /** Frame index, 0-based. */
  readonly frame?: number;
  /** Layer number, 1..16. */
  readonly layer?: number;
  /** The offending token as found in the input. */
  readonly value?: unknown;
}

/** A whole file (one matrix, as in .npy or a bare JSON array). */
export function fileLocation(path: string): CodeLocation {
  return { source: { path }, label: path };
}

/** One JSONL line, numbered from 1. */
export function jsonlLineLocation(path: string, line: number): CodeLocation {
  return { source: { path, line }, label: `${path} line ${line}` };
}

/** One element of a JSON list of objects, numbered from 0 like the array index. */
export function jsonElementLocation(path: string, index: number): CodeLocation {
  return { source: { path, line: index }, label: `${path} element ${index} (0-based)` };
}

/** An INVALID_CODES error whose message starts with the location and whose details carry it. */
export function invalidCodes(at: CodeLocation, problem: string, position: CodePosition = {}): TokenscopeError {
  return new TokenscopeError(ErrorCode.INVALID_CODES, `${at.label}: ${problem}`, {
    path: at.source.path,
    ...(at.source.line === undefined ? {} : { line: at.source.line }),
    ...position,
  });
}

/** Characters of an unexpected value that a code-file message echoes. */
const SHOWN_VALUE_CHARACTERS = 40;

/** A short, quoted rendering of an unexpected value for messages ("12" stays quoted, 3.5 does not); any depth. */
export function showValue(value: unknown): string {
  return excerpt(value, SHOWN_VALUE_CHARACTERS);
}

/** Characters of its JSON form up to which error details carry an offending value as it is. */
const DETAIL_VALUE_CHARACTERS = 200;

/** The offending value as error details carry it: as it is when small, else as its excerpt (a string). */
export function detailValue(value: unknown): unknown {
  const shown = excerpt(value, DETAIL_VALUE_CHARACTERS);
  return shown.length <= DETAIL_VALUE_CHARACTERS ? value : shown; // an excerpt that was cut is longer than its bound
}

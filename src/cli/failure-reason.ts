import { fitCell } from './format-table.js';

/** Characters of a failure message shown in a summary table; the whole message goes to stderr. */
const REASON_CHARACTERS = 80;

/** A file's first error for the summary table, `[CODE] message` cut to a table's width, or '' when it has none. */
export function failureReason(errors: readonly { code: string; message: string }[], path: string): string {
  const first = errors[0];
  if (!first) return '';
  // The message usually starts with the file it is about, which the table already shows.
  const message = first.message.startsWith(path) ? first.message.slice(path.length).replace(/^:?\s*/, '') : first.message;
  return fitCell(`[${first.code}] ${message}`, REASON_CHARACTERS);
}

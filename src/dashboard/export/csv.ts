/**
 * Rows as CSV text (RFC 4180): fields separated by commas, records by CRLF; a field holding a
 * comma, a double quote, CR or LF is quoted, its quotes doubled. The first row is the header.
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** One field, quoted when it must be. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

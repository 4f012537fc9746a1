/** What a Range header asks of a representation of known size. */
export type ByteRange =
  /** No usable range (absent, malformed, several ranges, another unit): send the whole thing with 200. */
  | { kind: 'full' }
  /** One satisfiable range: bytes start..end, both inclusive, with 206. */
  | { kind: 'partial'; start: number; end: number }
  /** A well-formed range that selects no byte of it: 416. */
  | { kind: 'unsatisfiable' };

const FULL: ByteRange = { kind: 'full' };

/**
 * Reads a Range header (RFC 9110 §14) against a representation of `size` bytes. Only one range is
 * served: a header naming several, or one that does not parse, is ignored, as the RFC allows, so
 * the client gets the whole representation instead of an error.
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange {
  if (header === undefined) return FULL;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m) return FULL;
  const [first, last] = [m[1]!, m[2]!];
  if (first === '') {
    if (last === '') return FULL;
    const suffix = Number(last);
    // A suffix longer than the representation selects all of it; a zero suffix selects nothing.
    return suffix === 0 || size === 0 ? { kind: 'unsatisfiable' } : { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? Infinity : Number(last);
  if (end < start) return FULL;
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end: Math.min(end, size - 1) };
}

import { isAbsolute } from 'node:path';

/**
 * Decodes the rest of a URL path below a served folder (e.g. what follows `/assets/`) into a
 * relative file path, or null when it could name anything but a plain file below that folder:
 * malformed escapes, `..` or `.` segments (also when percent-encoded), hidden names, empty
 * segments, absolute paths, backslashes and NUL.
 */
export function servedRelativePath(encoded: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encoded);
  } catch {
    return null;
  }
  if (decoded === '' || decoded.includes('\0') || decoded.includes('\\') || isAbsolute(decoded)) return null;
  return decoded.split('/').every((segment) => segment !== '' && !segment.startsWith('.')) ? decoded : null;
}

import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import type { CodeMatrix } from '../../domain/code-matrix.js';

/** Bumped if the canonical byte layout ever changes, so old and new hashes never collide. */
export const CONTENT_HASH_VERSION = 'tokenscope-codes-v1';

/**
 * sha256 hex of a matrix's canonical bytes: `tokenscope-codes-v1\n<frames>\n` (ASCII) followed by the
 * tokens frame-major as little-endian uint16. Independent of the file format the matrix came from.
 */
export function contentSha256(matrix: CodeMatrix): string {
  const hash = createHash('sha256');
  hash.update(`${CONTENT_HASH_VERSION}\n${matrix.frames}\n`, 'ascii');
  hash.update(littleEndianBytes(matrix.tokens));
  return hash.digest('hex');
}

/** The tokens' bytes in little-endian order, copying only on a big-endian host. */
function littleEndianBytes(tokens: Uint16Array): Uint8Array {
  const view = new Uint8Array(tokens.buffer, tokens.byteOffset, tokens.byteLength);
  if (endianness() === 'LE') return view;
  const copy = Buffer.from(view);
  copy.swap16();
  return copy;
}

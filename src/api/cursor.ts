import { invalidArgument } from '../errors.js';
import { clip, excerpt } from '../jsutils/excerpt.js';

/** Opaque cursor of an audio in a connection. */
export function audioCursor(id: number): string {
  return Buffer.from(`audio:${id}`).toString('base64url');
}

/** Reads an audio cursor made by audioCursor(); INVALID_ARGUMENT for anything else. */
export function parseAudioCursor(cursor: string | null | undefined): number {
  if (cursor === null || cursor === undefined) return 0;
  const m = /^audio:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw invalidArgument(`after: ${excerpt(cursor)} is not a cursor returned by this API`, { argument: 'after', value: clip(cursor) });
  return Number(m[1]);
}

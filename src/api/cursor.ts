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

/** Opaque cursor of a place (audio, frame) in a list of token occurrences. */
export function occurrenceCursor(audioId: number, frame: number): string {
  return Buffer.from(`occurrence:${audioId}:${frame}`).toString('base64url');
}

/** Reads an occurrence cursor made by occurrenceCursor(); null when absent; INVALID_ARGUMENT for anything else. */
export function parseOccurrenceCursor(cursor: string | null | undefined): { audioId: number; frame: number } | null {
  if (cursor === null || cursor === undefined) return null;
  const m = /^occurrence:(\d+):(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw invalidArgument(`after: ${excerpt(cursor)} is not a cursor returned by this API`, { argument: 'after', value: clip(cursor) });
  return { audioId: Number(m[1]), frame: Number(m[2]) };
}

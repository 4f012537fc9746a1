import type { Stats } from 'node:fs';

/**
 * A validator from a file's size and modification time (what a rewrite changes), used as a strong
 * one, as nginx does: uploads and ingested files are written once and never edited in place, so
 * the same size and mtime mean the same bytes. Strong, so If-Range can be honoured and a player's
 * later range requests get 206, not the whole file again.
 */
export function fileEtag(stat: Pick<Stats, 'size' | 'mtimeMs'>): string {
  return `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
}

/** Whether an If-Range header still names this file (RFC 9110 §13.1.5): its exact ETag or Last-Modified date. */
export function ifRangeHolds(header: string | undefined, etag: string, lastModified: string): boolean {
  if (header === undefined) return true;
  const value = header.trim();
  return value === etag || value === lastModified;
}

/** Whether an If-None-Match header matches `etag` (weak comparison, RFC 9110 §13.1.2). */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === wanted);
}

import type { Stats } from 'node:fs';

/** A weak validator from a file's size and modification time (what a rewrite changes). */
export function fileEtag(stat: Pick<Stats, 'size' | 'mtimeMs'>): string {
  return `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
}

/** Whether an If-None-Match header matches `etag` (weak comparison, RFC 9110 §13.1.2). */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === wanted);
}

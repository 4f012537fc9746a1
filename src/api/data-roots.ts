import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ErrorCode, TokenscopeError, invalidArgument } from '../errors.js';
import { clip } from '../jsutils/excerpt.js';

/** Whether `path` is `root` or lies below it (both absolute; no symlinks followed). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Characters of a client-supplied path that an error echoes (a real path is at most PATH_MAX, 4,096). */
const MAX_PATH_ECHO = 300;

/**
 * Resolves a client-supplied path against the data roots: relative paths are taken from the first
 * root; the real path (symlinks followed) must lie inside a root's real path, so neither `..` nor a
 * symlink escapes. Returns the real path; PATH_OUTSIDE_ROOTS or UNREADABLE_FILE otherwise.
 */
export async function resolveInsideRoots(path: string, roots: readonly string[]): Promise<string> {
  if (!roots.length) throw new TokenscopeError(ErrorCode.PATH_OUTSIDE_ROOTS, `${clip(path, MAX_PATH_ECHO)}: no data roots are configured, so no server-side path may be read`, { path: clip(path, MAX_PATH_ECHO) });
  const candidate = resolve(roots[0]!, path);
  const realRoots = await Promise.all(roots.map((r) => realpath(r).catch(() => resolve(r))));
  if (!realRoots.some((r) => isInside(r, candidate)) && !roots.some((r) => isInside(resolve(r), candidate))) {
    throw new TokenscopeError(ErrorCode.PATH_OUTSIDE_ROOTS, `${clip(path, MAX_PATH_ECHO)}: outside the data roots (${roots.join(', ')})`, { path: clip(path, MAX_PATH_ECHO), roots });
  }
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    throw new TokenscopeError(ErrorCode.UNREADABLE_FILE, `${clip(path, MAX_PATH_ECHO)}: no such file or folder`, { path: clip(path, MAX_PATH_ECHO) });
  }
  if (!realRoots.some((r) => isInside(r, real))) {
    throw new TokenscopeError(ErrorCode.PATH_OUTSIDE_ROOTS, `${path}: resolves (through a symlink) to ${real}, outside the data roots`, { path, roots, target: real });
  }
  return real;
}

/** The folder `out` names, its parent resolved inside the data roots (the folder itself does not exist yet). */
export async function writablePath(out: string, roots: readonly string[]): Promise<string> {
  if (!out.trim()) throw invalidArgument('out must name the dataset folder to write; received an empty path', { argument: 'out' });
  const candidate = resolve(roots[0] ?? '/', out);
  return join(await resolveInsideRoots(dirname(candidate), roots), basename(candidate));
}

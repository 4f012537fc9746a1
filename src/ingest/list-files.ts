import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join, relative, sep } from 'node:path';
import { ErrorCode, TokenscopeError } from '../errors.js';

/** A file found by listFileEntries: its path, and its path relative to the folder it was found in. */
export interface ListedFile {
  readonly path: string;
  /** Relative to the folder given, '/' separators; a file given by name: its base name. What a sharded ingest hashes. */
  readonly relative: string;
}

/**
 * Expands files and folders: a file is taken as given (its reader judges it), a folder contributes
 * its files with one of `extensions` (lower case, with the dot), recursively, sorted by path.
 * Symlinks inside folders are not followed.
 */
export async function listFileEntries(paths: readonly string[], extensions: readonly string[]): Promise<ListedFile[]> {
  const out: ListedFile[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (err as Error).message;
      throw new TokenscopeError(ErrorCode.UNREADABLE_FILE, `${path}: ${reason}`, { path });
    }
    if (!info.isDirectory()) {
      out.push({ path, relative: basename(path) });
      continue;
    }
    const entries = await readdir(path, { recursive: true, withFileTypes: true });
    out.push(
      ...entries
        .filter((e) => e.isFile() && extensions.includes(extname(e.name).toLowerCase()))
        .map((e) => join(e.parentPath, e.name))
        .sort()
        .map((file) => ({ path: file, relative: relative(path, file).split(sep).join('/') })),
    );
  }
  return out;
}

/** Expands files and folders into file paths (see listFileEntries). */
export async function listFiles(paths: readonly string[], extensions: readonly string[]): Promise<string[]> {
  return (await listFileEntries(paths, extensions)).map((f) => f.path);
}

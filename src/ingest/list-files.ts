import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { ErrorCode, TokenscopeError } from '../errors.js';

/**
 * Expands files and folders: a file is taken as given (its reader judges it), a folder contributes
 * its files with one of `extensions` (lower case, with the dot), recursively, sorted by path.
 * Symlinks inside folders are not followed.
 */
export async function listFiles(paths: readonly string[], extensions: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (err as Error).message;
      throw new TokenscopeError(ErrorCode.UNREADABLE_FILE, `${path}: ${reason}`, { path });
    }
    if (!info.isDirectory()) {
      out.push(path);
      continue;
    }
    const entries = await readdir(path, { recursive: true, withFileTypes: true });
    out.push(
      ...entries
        .filter((e) => e.isFile() && extensions.includes(extname(e.name).toLowerCase()))
        .map((e) => join(e.parentPath, e.name))
        .sort(),
    );
  }
  return out;
}

import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { ErrorCode, TokenscopeError } from '../errors.js';

/** Extensions the code-matrix readers accept. */
export const CODE_FILE_EXTENSIONS: readonly string[] = ['.jsonl', '.npy', '.json'];

/**
 * Expands files and folders into code files: a file is taken as given (its reader judges the
 * extension), a folder contributes its code files recursively, sorted by path.
 */
export async function listCodeFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (err) {
      throw new TokenscopeError(ErrorCode.UNREADABLE_FILE, `${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (err as Error).message}`, { path });
    }
    if (!info.isDirectory()) {
      out.push(path);
      continue;
    }
    const entries = await readdir(path, { recursive: true, withFileTypes: true });
    out.push(
      ...entries
        .filter((e) => e.isFile() && CODE_FILE_EXTENSIONS.includes(extname(e.name).toLowerCase()))
        .map((e) => join(e.parentPath, e.name))
        .sort(),
    );
  }
  return out;
}

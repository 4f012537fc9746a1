import { lstat, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ErrorCode, invalidArgument, TokenscopeError } from '../../errors.js';
import { isInside, resolveInsideRoots } from '../data-roots.js';
import { excerpt } from '../../jsutils/excerpt.js';

const OUTSIDE = 'uploads are disabled: the upload folder is not inside the data roots (point --upload-dir or TOKENSCOPE_UPLOAD_DIR at a folder inside a data root)';

async function nearestExisting(path: string): Promise<string> {
  for (let p = path; ; p = dirname(p)) {
    try {
      await lstat(p);
      return p;
    } catch {
      if (dirname(p) === p) return p;
    }
  }
}

/**
 * The real path of `<uploadDir>/<corpus>`, created when missing. Checked on every call against the
 * real paths of the data roots, so nothing is created outside them and a folder moved or symlinked
 * out since the start is refused: PATH_OUTSIDE_ROOTS (naming no path) when it is not inside.
 */
export async function uploadFolder(uploadDir: string | null, corpus: string, roots: readonly string[]): Promise<string> {
  if (uploadDir === null) throw new TokenscopeError(ErrorCode.PATH_OUTSIDE_ROOTS, 'uploads are disabled: no data roots are configured, so there is no upload folder');
  if (corpus === '.' || corpus === '..') throw invalidArgument(`corpus ${excerpt(corpus)} cannot name an upload folder`, { argument: 'corpus', value: corpus });
  const folder = resolve(uploadDir, corpus);
  try {
    const existing = await nearestExisting(folder);
    // What exists must already be inside before anything is created below it, unless it lies above
    // a data root that does not exist yet (data/ on a first run): then the root is created too.
    const rootMissing = roots.some((r) => isInside(resolve(r), folder) && !isInside(resolve(r), existing));
    if (!rootMissing) await resolveInsideRoots(existing, roots);
    await mkdir(folder, { recursive: true });
    return await resolveInsideRoots(folder, roots);
  } catch (err) {
    if (err instanceof TokenscopeError && (err.code === ErrorCode.PATH_OUTSIDE_ROOTS || err.code === ErrorCode.UNREADABLE_FILE)) throw new TokenscopeError(ErrorCode.PATH_OUTSIDE_ROOTS, OUTSIDE);
    throw err;
  }
}

import { constants } from 'node:fs';
import { copyFile, link, lstat, rm } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { ErrorCode, TokenscopeError } from '../../errors.js';
import { fileSha256 } from '../../ingest/file-sha256.js';
import { clip, excerpt } from '../../jsutils/excerpt.js';

/** Where an upload ended up. */
export interface PlacedUpload {
  path: string;
  /** True when a file with the same bytes was already there and was kept instead. */
  reused: boolean;
}

async function holds(path: string, sha256: string): Promise<boolean> {
  const stat = await lstat(path);
  return stat.isFile() && (await fileSha256(path)) === sha256;
}

/** Gives `temp` the name `target` unless that exists (never overwrites); false when it exists. */
async function claim(temp: string, target: string): Promise<boolean> {
  try {
    // link() is a rename that refuses to overwrite, atomically, where rename() would replace.
    await link(temp, target);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw err;
  }
  // File systems without hard links: an exclusive copy keeps the same guarantee.
  try {
    await copyFile(temp, target, constants.COPYFILE_EXCL);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/**
 * Moves a received upload (a temporary file in `folder`) to `folder/name`. When that name holds
 * other bytes the upload goes to `<stem>-<first 8 hex of its sha256><ext>`; when a candidate
 * already holds the same bytes that file is kept and the upload dropped. The temporary file is
 * gone afterwards in every case.
 */
export async function placeUpload(tempPath: string, folder: string, name: string, sha256: string): Promise<PlacedUpload> {
  const ext = extname(name);
  const candidates = [name, `${name.slice(0, name.length - ext.length)}-${sha256.slice(0, 8)}${ext}`];
  try {
    for (const candidate of candidates) {
      const target = join(folder, candidate);
      if (await claim(tempPath, target)) return { path: target, reused: false };
      if (await holds(target, sha256)) return { path: target, reused: true };
    }
  } finally {
    await rm(tempPath, { force: true });
  }
  throw new TokenscopeError(ErrorCode.ALREADY_EXISTS, `name ${excerpt(name)}: both it and ${excerpt(candidates[1])} hold other files`, { argument: 'name', value: clip(name) });
}

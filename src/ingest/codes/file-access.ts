import { open, readFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { ErrorCode, TokenscopeError } from '../../errors.js';

/** An UNREADABLE_FILE error naming the path and the operating system's reason. */
export function unreadableFile(path: string, cause: unknown): TokenscopeError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  const code = (cause as { code?: unknown } | null)?.code;
  return new TokenscopeError(
    ErrorCode.UNREADABLE_FILE,
    `cannot read ${path}: ${reason}`,
    { path, ...(typeof code === 'string' ? { reason: code } : {}) },
    { cause },
  );
}

/** Reads a whole file, turning I/O failures (missing, a directory, no permission) into UNREADABLE_FILE. */
export async function readWholeFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (cause) {
    throw unreadableFile(path, cause);
  }
}

/** Opens a file for streaming reads; the caller closes the handle. Fails early for directories too. */
export async function openForReading(path: string): Promise<FileHandle> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    const stats = await handle.stat();
    if (stats.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    return handle;
  } catch (cause) {
    await handle?.close();
    throw unreadableFile(path, cause);
  }
}

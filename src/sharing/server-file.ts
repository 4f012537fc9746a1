import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

/**
 * What a running `tokenscope serve` tells other processes about itself, in `<db>.server.json` beside
 * the database it holds (DESIGN.md, "One database, many processes"). The file is readable by its
 * owner only (mode 0600): its token gives the CLI of the same user the rights it has in process.
 */
export interface ServerFile {
  /** Format of this file. */
  version: 1;
  /** The server's process. */
  pid: number;
  /** Its GraphQL endpoint on loopback, http://127.0.0.1:PORT/graphql. */
  url: string;
  /** Sent by the CLI in the x-tokenscope-cli header. */
  token: string;
  /** The database it holds, absolute. */
  db: string;
  /** The settings its encoders run with, so a command asking for others can say so. */
  modelsDir: string;
  device: string;
  threads: number;
  startedAt: string;
}

/** Where the server file of the database `dbPath` lives (null for ':memory:', which no other process can share). */
export function serverFilePath(dbPath: string): string | null {
  return dbPath === ':memory:' ? null : `${resolve(dbPath)}.server.json`;
}

/** A fresh token: 32 random bytes, base64url. */
export function newServerToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Writes the server file atomically (a temporary file renamed over it), readable by its owner only. */
export async function writeServerFile(info: ServerFile): Promise<string> {
  const path = serverFilePath(info.db)!;
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, path);
  return path;
}

/** The server file of `dbPath`, or null when there is none (or it is not one: a half-written or foreign file is ignored). */
export async function readServerFile(dbPath: string): Promise<ServerFile | null> {
  const path = serverFilePath(dbPath);
  if (path === null) return null;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    const info = JSON.parse(text) as Partial<ServerFile>;
    if (info.version !== 1 || typeof info.pid !== 'number' || typeof info.url !== 'string' || typeof info.token !== 'string') return null;
    return info as ServerFile;
  } catch {
    return null;
  }
}

/** Removes the server file of `info.db` if it is still this server's (another server may have replaced a stale one). */
export async function removeServerFile(info: ServerFile): Promise<void> {
  const current = await readServerFile(info.db);
  if (current?.token === info.token) await rm(serverFilePath(info.db)!, { force: true });
}

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { ErrorCode, TokenscopeError } from '../errors.js';

/** sha256 hex of a file's bytes, streamed (memory stays bounded for multi-GB files). */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch (err) {
    throw new TokenscopeError(ErrorCode.UNREADABLE_FILE, `${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, { path }, { cause: err });
  }
  return hash.digest('hex');
}

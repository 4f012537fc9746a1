import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ErrorCode, invalidArgument, TokenscopeError } from '../../errors.js';

/** A request body written to a temporary file. */
export interface ReceivedBody {
  /** The temporary file, in the folder given; the caller renames or removes it. */
  tempPath: string;
  bytes: number;
  /** sha256 of the body, hex. */
  sha256: string;
}

/** LIMIT_EXCEEDED for a body over `maxBytes`. */
export function uploadTooLarge(maxBytes: number, received: string): TokenscopeError {
  return new TokenscopeError(ErrorCode.LIMIT_EXCEEDED, `upload must be at most ${maxBytes} bytes; received ${received}`, { limit: maxBytes });
}

/**
 * Streams a request body into a new hidden temporary file in `folder`, hashing it on the way.
 * Past `maxBytes` it stops with LIMIT_EXCEEDED; a client that goes away stops it with
 * INVALID_ARGUMENT. Either way the partial file is removed. The request itself is left alone
 * (not destroyed), so the caller can still answer on its connection.
 */
export async function receiveBody(req: IncomingMessage, folder: string, maxBytes: number): Promise<ReceivedBody> {
  const tempPath = join(folder, `.upload-${randomBytes(8).toString('hex')}.part`);
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        done(uploadTooLarge(maxBytes, `at least ${bytes}`));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const interrupted = () => {
    if (!req.complete) meter.destroy(invalidArgument(`the upload was interrupted after ${bytes} bytes`));
  };
  req.once('close', interrupted);
  req.once('error', interrupted);
  req.pipe(meter);
  try {
    await pipeline(meter, createWriteStream(tempPath, { flags: 'wx' }));
  } catch (err) {
    req.unpipe(meter);
    await rm(tempPath, { force: true });
    throw err;
  } finally {
    req.off('close', interrupted);
    req.off('error', interrupted);
  }
  return { tempPath, bytes, sha256: hash.digest('hex') };
}

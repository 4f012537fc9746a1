import type { Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { parseByteRange } from './byte-range.js';
import { fileEtag, ifNoneMatchHits, ifRangeHolds } from './etag.js';

/**
 * A check of the opened file before anything is sent (it throws to refuse): run on the descriptor
 * that is then streamed, so the file checked is the file sent.
 */
export type VerifyFile = (handle: FileHandle, stat: Stats) => Promise<void>;

/** Errors of open() that mean "there is no such file to serve". */
const MISSING = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'ELOOP', 'ENAMETOOLONG']);

/**
 * Sends a file for GET or HEAD with ETag / If-None-Match (304) and single byte ranges (206, 416).
 * The file is opened once and its size taken from that descriptor, so a file replaced meanwhile
 * cannot make Content-Length lie; the descriptor is closed however the response ends, client
 * aborts included. Resolves false, having sent nothing, when there is no regular file at `path`;
 * rejects, having sent nothing, with what `verify` throws.
 */
export async function sendFile(req: IncomingMessage, res: ServerResponse, path: string, headers: Record<string, string>, verify?: VerifyFile): Promise<boolean> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    if (MISSING.has((err as NodeJS.ErrnoException).code ?? '')) return false;
    throw err;
  }
  let handedToStream = false;
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return false;
    if (verify) await verify(handle, stat);
    const etag = fileEtag(stat);
    const lastModified = stat.mtime.toUTCString();
    const common = { ...headers, etag, 'last-modified': lastModified, 'accept-ranges': 'bytes' };
    if (ifNoneMatchHits(req.headers['if-none-match'], etag)) {
      res.writeHead(304, common).end();
      return true;
    }
    // A range under an If-Range that no longer names this file: send it all (RFC 9110 §13.1.5).
    const range = ifRangeHolds([req.headers['if-range']].flat()[0], etag, lastModified) ? parseByteRange(req.headers['range'], stat.size) : { kind: 'full' as const };
    if (range.kind === 'unsatisfiable') {
      res.writeHead(416, { ...common, 'content-type': 'text/plain; charset=utf-8', 'content-range': `bytes */${stat.size}` }).end(`range not satisfiable: the file has ${stat.size} bytes\n`);
      return true;
    }
    const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, stat.size - 1];
    const length = end - start + 1;
    res.writeHead(range.kind === 'partial' ? 206 : 200, {
      ...common,
      'content-length': String(length),
      ...(range.kind === 'partial' ? { 'content-range': `bytes ${start}-${end}/${stat.size}` } : {}),
    });
    if (req.method === 'HEAD' || length === 0) {
      res.end();
      return true;
    }
    const stream = handle.createReadStream({ start, end }); // autoClose: the stream closes the handle
    handedToStream = true;
    try {
      await pipeline(stream, res);
    } catch (err) {
      // A client that goes away mid-body is routine (seeking audio aborts requests); pipeline has
      // already destroyed both streams, which closes the file.
      if ((err as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') console.error(`serving ${path}:`, err);
    }
    return true;
  } finally {
    if (!handedToStream) await handle.close();
  }
}

import { rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, invalidArgument, TokenscopeError } from '../../errors.js';
import { checkCorpusName } from '../../query/check-corpus-name.js';
import { mutationAccess } from '../auth.js';
import type { ApiConfig } from '../config.js';
import { placeUpload } from './place-upload.js';
import { receiveBody, uploadTooLarge } from './receive-body.js';
import { httpStatusOf, sendJson, sendJsonError } from './respond.js';
import { uploadFolder } from './upload-folder.js';
import { checkUploadName } from './upload-name.js';

/** The JSON body of a successful upload. */
export interface UploadResult {
  /** Real path of the stored file, inside the data roots: what ingestAudio(paths) takes. */
  path: string;
  bytes: number;
  /** sha256 of the file, hex. */
  sha256: string;
  /** True when the same bytes were already stored under that name (status 200 instead of 201). */
  reused: boolean;
}

/**
 * True when a browser says the request comes from a page of another origin. With PUT only (which a
 * cross-site page cannot send without a CORS preflight this server never grants) this is a second
 * guard: a page elsewhere must not write files into the data roots of a server on loopback.
 */
function crossOrigin(req: IncomingMessage): boolean {
  const origin = req.headers['origin'];
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== req.headers['host'];
  } catch {
    return true;
  }
}

async function upload(req: IncomingMessage, config: ApiConfig): Promise<UploadResult> {
  if (crossOrigin(req)) throw new TokenscopeError(ErrorCode.UNAUTHENTICATED, `uploads from pages of another origin (${String(req.headers['origin']).slice(0, 100)}) are refused`);
  const access = mutationAccess(config, req.headers);
  if (!access.mayMutate) throw new TokenscopeError(ErrorCode.UNAUTHENTICATED, `uploads are writes: ${access.mutationRefusal ?? 'refused'}`);
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const corpus = checkCorpusName(query.get('corpus') ?? '');
  const name = checkUploadName(query.get('name') ?? '');
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > config.uploadMaxBytes) throw uploadTooLarge(config.uploadMaxBytes, `Content-Length ${declared}`);
  const folder = await uploadFolder(config.uploadDir, corpus, config.dataRoots);
  const body = await receiveBody(req, folder, config.uploadMaxBytes);
  if (body.bytes === 0) {
    await rm(body.tempPath, { force: true });
    throw invalidArgument('the upload body is empty: send the file\'s bytes as the request body', { argument: 'body' });
  }
  const placed = await placeUpload(body.tempPath, folder, name, body.sha256);
  return { path: placed.path, bytes: body.bytes, sha256: body.sha256, reused: placed.reused };
}

/**
 * PUT `/upload?corpus=<name>&name=<file name>` with a file's raw bytes as the body:
 * stores it as `<uploadDir>/<corpus>/<name>` for a later ingestAudio. Needs mutation access.
 * Answers 201 (200 when the bytes were already there) with an UploadResult, or an HttpErrorBody.
 */
export async function handleUpload(req: IncomingMessage, res: ServerResponse, config: ApiConfig): Promise<void> {
  // PUT only: unlike POST, a cross-site page cannot send it without a CORS preflight.
  if (req.method !== 'PUT') {
    sendJsonError(res, 405, 'METHOD_NOT_ALLOWED', `method ${req.method ?? ''} not allowed on /upload: use PUT with the file as the body`, { allow: 'PUT' });
    return;
  }
  let result: UploadResult;
  try {
    result = await upload(req, config);
  } catch (err) {
    if (!(err instanceof TokenscopeError) || err.code === ErrorCode.INTERNAL) {
      console.error(err);
      sendJsonError(res, 500, ErrorCode.INTERNAL, 'internal error');
      return;
    }
    // Node reads and drops the rest of a refused body to keep the connection; that is fine up to the
    // limit, but a body over it, or of unknown length, is cut off by closing the connection.
    const declared = Number(req.headers['content-length'] ?? Infinity);
    sendJsonError(res, httpStatusOf(err.code), err.code, err.message, req.complete || declared <= config.uploadMaxBytes ? {} : { connection: 'close' });
    return;
  }
  sendJson(res, result.reused ? 200 : 201, result);
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, TokenscopeError } from '../../errors.js';
import type { Store } from '../../store/store.js';
import type { ApiConfig } from '../config.js';
import { resolveInsideRoots } from '../data-roots.js';
import { audioContentType } from './content-types.js';
import { mediaAudioId } from './media-request.js';
import { httpStatusOf, sendJsonError, sendText } from './respond.js';
import { sendFile } from './send-file.js';
import type { SourceIdentity } from '../../ingest/source-identity.js';

/**
 * GET/HEAD `/media/audio/<id>`: the file an audio was encoded from, with byte ranges so a player
 * can seek. Its stored path must still resolve inside the data roots in force now: a file moved
 * out (or symlinked out), or roots narrowed since the ingest, make it 403, without saying where the
 * roots are. The file must still be the one ingested (SourceIdentity: size and mtime as recorded,
 * else the same sha256): 409 SOURCE_CHANGED as JSON when it holds other bytes. Open to anonymous
 * readers, like GraphQL queries.
 */
export async function serveAudioMedia(req: IncomingMessage, res: ServerResponse, store: Store, config: ApiConfig, sources: SourceIdentity, encodedId: string): Promise<void> {
  const id = mediaAudioId(req, res, encodedId);
  if (id === null) return;
  const [audio] = await store.audios.findByIds([id]);
  if (!audio) {
    sendText(res, 404, `audio ${id} does not exist`);
    return;
  }
  if (audio.sourceKind !== 'audio') {
    sendText(res, 404, `audio ${id} was ingested from codes: no original audio`);
    return;
  }
  let real: string;
  try {
    real = await resolveInsideRoots(audio.sourcePath, config.dataRoots);
  } catch (err) {
    if (!(err instanceof TokenscopeError)) throw err;
    if (err.code === ErrorCode.PATH_OUTSIDE_ROOTS) sendText(res, 403, `audio ${id}: its original file is not inside the folders this server may read`);
    else sendText(res, 404, `audio ${id}: its original file is gone`);
    return;
  }
  const headers = { 'content-type': audioContentType(audio.audioSource?.format ?? null, real), 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' };
  let sent: boolean;
  try {
    sent = await sendFile(req, res, real, headers, (handle, stat) => sources.check(audio, handle, stat));
  } catch (err) {
    if (!(err instanceof TokenscopeError) || err.code !== ErrorCode.SOURCE_CHANGED) throw err;
    sendJsonError(res, httpStatusOf(err.code), err.code, err.message);
    return;
  }
  if (!sent) sendText(res, 404, `audio ${id}: its original file is gone`);
}

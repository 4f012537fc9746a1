import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendText } from './respond.js';

/**
 * The audio id a media route (`/media/audio/<id>`, `/media/reconstruction/<id>`) is asked for, or
 * null having answered: 405 for a method other than GET or HEAD, 404 for an id that is not a
 * positive 32-bit integer (quoting at most 40 characters of it).
 */
export function mediaAudioId(req: IncomingMessage, res: ServerResponse, encodedId: string): number | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, `method ${req.method ?? ''} not allowed here: use GET or HEAD`, { allow: 'GET, HEAD' });
    return null;
  }
  if (!/^\d{1,10}$/.test(encodedId) || Number(encodedId) < 1 || Number(encodedId) > 0xffffffff) {
    sendText(res, 404, `no audio ${JSON.stringify(encodedId.slice(0, 40))}: audio ids are positive integers`);
    return null;
  }
  return Number(encodedId);
}

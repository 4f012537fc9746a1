import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isLoopback } from './auth.js';
import type { ApiConfig } from './config.js';

/** The request header the CLI sends its token in. */
export const CLI_TOKEN_HEADER = 'x-tokenscope-cli';

/**
 * Whether a request comes from the CLI of the server's own user: it carries the token of the
 * server file (readable by that user only, sharing/server-file.ts) and comes from a loopback
 * address (or the server's own address). Such a request gets what the CLI has in process (api/server.ts): mutations, absolute
 * paths, no data-root restriction (the user reads their own files, as a local command does) and no
 * time budget. Anyone else, the dashboard included, is judged by mutationAccess as before.
 */
export function isCliRequest(config: Pick<ApiConfig, 'cliToken'>, req: Pick<IncomingMessage, 'headers' | 'socket'>): boolean {
  const token = config.cliToken;
  const presented = req.headers[CLI_TOKEN_HEADER];
  if (!token || typeof presented !== 'string') return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return false;
  // This machine: a loopback address, or the server's own address when it listens on another one.
  const remote = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  return isLoopback(remote) || (remote !== '' && remote === (req.socket.localAddress ?? '').replace(/^::ffff:/, ''));
}

/** The configuration a CLI request runs under: the server's, with the whole file system readable as in process. */
export function cliConfig(config: ApiConfig): ApiConfig {
  return { ...config, dataRoots: ['/'] };
}

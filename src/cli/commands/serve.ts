import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { isLoopback } from '../../api/auth.js';
import { listen } from '../../api/server.js';
import { unplayableAudios, unplayableNote } from '../../api/unplayable-audios.js';
import type { Listening } from '../../api/server.js';
import { loadSettings } from '../../config/settings.js';
import type { Settings } from '../../config/settings.js';
import { ErrorCode, TokenscopeError } from '../../errors.js';
import { findServer } from '../../sharing/find-server.js';
import { newServerToken, removeServerFile, serverFilePath, writeServerFile } from '../../sharing/server-file.js';
import type { ServerFile } from '../../sharing/server-file.js';
import { createApp } from '../../main.js';
import { untilInterrupted } from '../interrupt.js';

/** Options of `tokenscope serve`. */
export interface ServeCliOptions {
  db?: string;
  host?: string;
  port?: number;
  apiKey?: string;
  dataRoot?: string[];
  /** Folder uploads go to (must lie inside a data root). */
  uploadDir?: string;
  /** Largest upload, in bytes. */
  uploadMaxBytes?: number;
  /** Models folder (default models/ of the installation). */
  modelsDir?: string;
  /** Time budget of one query, in milliseconds. */
  requestTimeoutMs?: number;
  /** Host names requests may name besides loopback and --host (repeatable). */
  allowedHost?: string[];
  /** Answer GraphQL introspection even beyond loopback. */
  introspection?: boolean;
}

/** onnxruntime threads per encoder session of a server: every core but one (at least one), so requests keep a core while audio is encoded. */
export function serverEncoderThreads(cores = availableParallelism()): number {
  return Math.max(1, cores - 1);
}

/** How long requests in flight may take to finish at shutdown before their connections are cut, in milliseconds. */
const SHUTDOWN_GRACE_MS = 5000;

/** Stops accepting connections, closes idle keep-alive ones, and cuts the rest after `graceMs`. */
function closeHttpServer(server: Server, graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** The loopback URL the CLI reaches a server bound to `address` at (the address itself when it is not a wildcard). */
function cliUrl(address: AddressInfo): string {
  const host = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}/graphql`;
}

/**
 * Writes <db>.server.json so that CLI commands on the same database go through this server
 * (nothing for ':memory:'). A folder that cannot be written is a warning: the server still serves,
 * and other commands get DATABASE_BUSY as before.
 */
async function announce(settings: Settings, server: Server): Promise<ServerFile | null> {
  if (settings.dbPath === ':memory:' || !settings.cliToken) return null;
  const info: ServerFile = {
    version: 1,
    pid: process.pid,
    url: cliUrl(server.address() as AddressInfo),
    token: settings.cliToken,
    db: resolve(settings.dbPath),
    modelsDir: settings.modelsDir,
    device: settings.device,
    threads: settings.threads,
    startedAt: new Date().toISOString(),
  };
  try {
    await writeServerFile(info);
    return info;
  } catch (err) {
    console.warn(`warning: cannot write ${serverFilePath(settings.dbPath)} (${(err as Error).message}): CLI commands on this database will not find the server`);
    return null;
  }
}

/**
 * Starts the GraphQL server and runs until SIGINT/SIGTERM, then stops in order: no new connections,
 * requests in flight answered (up to SHUTDOWN_GRACE_MS), ingest jobs finish the files in hand, the
 * encoders and the store close (a checkpoint, so the WAL is empty).
 */
export async function serveCommand(options: ServeCliOptions): Promise<number> {
  const settings = loadSettings({
    ...(options.db ? { dbPath: options.db } : {}),
    ...(options.host ? { host: options.host } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(options.dataRoot?.length ? { dataRoots: options.dataRoot.map((root) => resolve(root)) } : {}),
    ...(options.uploadDir ? { uploadDir: resolve(options.uploadDir) } : {}),
    ...(options.uploadMaxBytes !== undefined ? { uploadMaxBytes: options.uploadMaxBytes } : {}),
    ...(options.modelsDir ? { modelsDir: resolve(options.modelsDir) } : {}),
    ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(options.allowedHost?.length ? { allowedHosts: options.allowedHost } : {}),
    ...(options.introspection ? { introspection: true } : {}),
    // A server keeps its event loop for requests: encoders in worker threads unless told otherwise.
    encodeInWorker: process.env['TOKENSCOPE_ENCODE_IN_WORKER'] !== '0',
    // And a core for requests: an encoder on every core took ingesting p99 from 92 to 156 ms here.
    ...(process.env['TOKENSCOPE_THREADS'] === undefined ? { threads: serverEncoderThreads() } : {}),
    // The CLI of this user finds the server through <db>.server.json and sends this token.
    cliToken: newServerToken(),
  });
  const found = await findServer(settings.dbPath);
  if (found.kind === 'running') {
    throw new TokenscopeError(ErrorCode.SERVER_RUNNING, `${found.server.db} is already served at ${found.server.url} (pid ${found.server.pid}); open that one, or stop it first (one process holds a DuckDB file)`);
  }
  const app = await createApp(settings);
  let listening: Listening;
  try {
    listening = await listen(app.api, app.services, settings.port);
  } catch (err) {
    await app.close(); // nothing served: close the store in order before the error is printed
    throw err;
  }
  const { server, url, dashboardUrl } = listening;
  const serverFile = await announce(settings, server);
  console.log(`tokenscope GraphQL API at ${url} (database ${settings.dbPath}; data roots ${settings.dataRoots.join(', ')})`);
  console.log(`dashboard at ${dashboardUrl}`);
  console.log(`uploads to ${settings.uploadDir ?? '(none: no data roots)'}, at most ${settings.uploadMaxBytes} bytes each`);
  const unplayable = unplayableNote(await unplayableAudios(app.store, settings.dataRoots));
  if (unplayable) console.log(unplayable);
  if (!isLoopback(settings.host) && !settings.apiKey) console.warn(`warning: listening on ${settings.host} without an API key: mutations are disabled`);
  const names = app.services.config.allowedHosts;
  if (!isLoopback(settings.host)) {
    console.log(`answering requests whose Host is localhost, 127.0.0.0/8, [::1]${['0.0.0.0', '::'].includes(settings.host) ? '' : `, ${settings.host}`}${names.length ? `, ${names.join(', ')}` : ''} (others get 421: add names with --allowed-host)`);
  }
  const signal = await untilInterrupted();
  console.log(`${signal}: stopping: no new connections, requests in flight answered, ingest jobs finish their files in hand, then the database is closed`);
  if (serverFile) await removeServerFile(serverFile); // new commands open the file themselves once it is free
  await closeHttpServer(server, SHUTDOWN_GRACE_MS);
  await app.close();
  console.log(`stopped; database ${settings.dbPath} closed`);
  return 0;
}

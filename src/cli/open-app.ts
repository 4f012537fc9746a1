import { resolve } from 'node:path';
import { loadSettings } from '../config/settings.js';
import type { Settings } from '../config/settings.js';
import { ErrorCode, TokenscopeError } from '../errors.js';
import { createApp } from '../main.js';
import { findServer } from '../sharing/find-server.js';
import type { ServerFile } from '../sharing/server-file.js';
import { localSession, serverSession } from './session.js';
import type { CliSession } from './session.js';

/** Options every command that touches the database takes. */
export interface DbOptions {
  db?: string;
  /** Models folder (encoders and codebooks; default models/ of the installation). */
  modelsDir?: string;
}

/** The encoder settings a command asked for that differ from those of the server holding the database, as `--flag value` phrases. */
function conflictingSettings(server: ServerFile, overrides: Partial<Settings>): string[] {
  const asked: string[] = [];
  if (overrides.device !== undefined && overrides.device !== server.device) asked.push(`--device ${overrides.device} (the server's: ${server.device})`);
  if (overrides.threads !== undefined && overrides.threads !== server.threads) asked.push(`--threads ${overrides.threads} (the server's: ${server.threads})`);
  if (overrides.modelsDir !== undefined && resolve(overrides.modelsDir) !== resolve(server.modelsDir)) asked.push(`--models-dir ${overrides.modelsDir} (the server's: ${server.modelsDir})`);
  return asked;
}

/**
 * Runs a command's work against its database: through the server that holds it when one runs
 * (found from the database's server file, no flags needed; the same operations, so the same output
 * and exit codes), else on the database opened in this process with no data-root restriction (the
 * user reads their own files), closed afterwards. A note on stderr says when a server is used.
 */
export async function withApp<T>(options: DbOptions, work: (session: CliSession) => Promise<T>, given: Partial<Settings> = { dataRoots: ['/'] }): Promise<T> {
  const overrides = { ...given, ...(options.modelsDir ? { modelsDir: resolve(options.modelsDir) } : {}) };
  const settings = loadSettings({ ...overrides, ...(options.db ? { dbPath: options.db } : {}) });
  const found = await findServer(settings.dbPath);
  if (found.kind === 'running') {
    const { server } = found;
    const conflicts = conflictingSettings(server, overrides);
    if (conflicts.length) {
      throw new TokenscopeError(ErrorCode.SERVER_RUNNING, `the server at ${server.url} (pid ${server.pid}) holds ${server.db} and encodes with its own settings; this command asks for ${conflicts.join(', ')}: run it without those options, or stop the server and run it again`);
    }
    console.error(`(through the server at ${server.url}, pid ${server.pid}, which holds ${server.db})`);
    return work(serverSession(server));
  }
  const app = await createApp(settings);
  try {
    return await work(localSession(app));
  } finally {
    await app.close();
  }
}

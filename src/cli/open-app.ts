import { loadSettings } from '../config/settings.js';
import type { Settings } from '../config/settings.js';
import { createApp } from '../main.js';
import type { App } from '../main.js';

/** Options every command that touches the database takes. */
export interface DbOptions {
  db?: string;
}

/**
 * Opens the app for a local command: the database from --db / TOKENSCOPE_DB / the default, and
 * (for local commands only) no data-root restriction, since the user reads their own files.
 */
export async function withApp<T>(options: DbOptions, work: (app: App) => Promise<T>, overrides: Partial<Settings> = { dataRoots: ['/'] }): Promise<T> {
  const app = await createApp(loadSettings({ ...overrides, ...(options.db ? { dbPath: options.db } : {}) }));
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

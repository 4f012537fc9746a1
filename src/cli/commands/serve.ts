import { isLoopback } from '../../api/auth.js';
import { listen } from '../../api/server.js';
import { loadSettings } from '../../config/settings.js';
import { createApp } from '../../main.js';

/** Options of `tokenscope serve`. */
export interface ServeCliOptions {
  db?: string;
  host?: string;
  port?: number;
  apiKey?: string;
  dataRoot?: string[];
}

/** Starts the GraphQL server and runs until SIGINT/SIGTERM, then drains and closes the store. */
export async function serveCommand(options: ServeCliOptions): Promise<number> {
  const settings = loadSettings({
    ...(options.db ? { dbPath: options.db } : {}),
    ...(options.host ? { host: options.host } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(options.dataRoot?.length ? { dataRoots: options.dataRoot } : {}),
  });
  const app = await createApp(settings);
  const { server, url } = await listen(app.api, app.services, settings.port);
  console.log(`tokenscope GraphQL API at ${url} (database ${settings.dbPath}; data roots ${settings.dataRoots.join(', ')})`);
  if (!isLoopback(settings.host) && !settings.apiKey) console.warn(`warning: listening on ${settings.host} without an API key: mutations are disabled`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await app.close();
  return 0;
}

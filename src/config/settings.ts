import { delimiter, resolve } from 'node:path';

/** Runtime settings, from flags over environment variables over defaults. */
export interface Settings {
  /** DuckDB file, or ':memory:' (env TOKENSCOPE_DB; default data/tokenscope.duckdb under the working folder). */
  dbPath: string;
  /** Folders server-side ingest may read (env TOKENSCOPE_DATA_ROOTS, separated by ':'; default data/). */
  dataRoots: string[];
  /** Key for mutations (env TOKENSCOPE_API_KEY); null when unset. */
  apiKey: string | null;
  /** Listen address (env TOKENSCOPE_HOST; default 127.0.0.1). */
  host: string;
  /** Listen port (env TOKENSCOPE_PORT; default 4000; 0 picks a free one). */
  port: number;
}

/** Default settings for the working folder `cwd`, with the environment applied, then `overrides`. */
export function loadSettings(overrides: Partial<Settings> = {}, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Settings {
  const base: Settings = {
    dbPath: env['TOKENSCOPE_DB'] ?? resolve(cwd, 'data', 'tokenscope.duckdb'),
    dataRoots: (env['TOKENSCOPE_DATA_ROOTS'] ?? resolve(cwd, 'data')).split(delimiter).filter(Boolean).map((p) => resolve(cwd, p)),
    apiKey: env['TOKENSCOPE_API_KEY'] || null,
    host: env['TOKENSCOPE_HOST'] ?? '127.0.0.1',
    port: Number(env['TOKENSCOPE_PORT'] ?? 4000),
  };
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return { ...base, ...defined };
}

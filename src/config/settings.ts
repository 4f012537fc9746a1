import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../jsutils/repo-root.js';
import { invalidArgument } from '../errors.js';
import type { DeviceRequest } from '../tokenizer/execution-device.js';

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
  /** Registered models (env TOKENSCOPE_MODELS_DIR; default models/). */
  modelsDir: string;
  /** Encoder used when none is named (env TOKENSCOPE_MODEL; default the shipped reference encoder). */
  defaultModel: string;
  /** Execution provider (env TOKENSCOPE_DEVICE: cpu, cuda or auto; default auto = CUDA when installed, else CPU). */
  device: DeviceRequest;
  /** onnxruntime threads per session (env TOKENSCOPE_THREADS; default 0 = onnxruntime's choice). */
  threads: number;
  /**
   * Run each encoder's ONNX session in a worker thread, keeping the event loop free for requests
   * (env TOKENSCOPE_ENCODE_IN_WORKER=1 or 0; default off, and on for `tokenscope serve`: batch
   * ingest from the CLI has no requests to serve and ran up to 20 % faster in one thread here).
   */
  encodeInWorker: boolean;
  /** The built dashboard served at / (env TOKENSCOPE_WEB_ROOT; default dist/web of this package). */
  webRoot: string;
  /** Folder uploads are written to, one subfolder per corpus (env TOKENSCOPE_UPLOAD_DIR; default uploads/ in the first data root; null without data roots). */
  uploadDir: string | null;
  /** Largest upload accepted, in bytes (env TOKENSCOPE_UPLOAD_MAX_BYTES; default 512 MiB). */
  uploadMaxBytes: number;
  /** Bound of the result cache shared by requests, in bytes (env TOKENSCOPE_CACHE_BYTES; default 64 MiB; 0 keeps nothing). */
  cacheBytes: number;
}

/** Id of the reference encoder that ships in models/. */
export const REFERENCE_MODEL_ID = 'tokenscope-ref-v1';

/** Default of cacheBytes: 64 MiB. */
export const DEFAULT_CACHE_BYTES = 64 * 2 ** 20;

/** Default of uploadMaxBytes: 512 MiB. */
export const DEFAULT_UPLOAD_MAX_BYTES = 512 * 1024 * 1024;

/** dist/web of the package this module belongs to, wherever the process was started from. */
function defaultWebRoot(): string {
  return join(repoRoot(dirname(fileURLToPath(import.meta.url))), 'dist', 'web');
}

/** Default settings for the working folder `cwd`, with the environment applied, then `overrides`. */
export function loadSettings(overrides: Partial<Settings> = {}, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Settings {
  const base: Settings = {
    dbPath: env['TOKENSCOPE_DB'] ?? resolve(cwd, 'data', 'tokenscope.duckdb'),
    dataRoots: (env['TOKENSCOPE_DATA_ROOTS'] ?? resolve(cwd, 'data')).split(delimiter).filter(Boolean).map((p) => resolve(cwd, p)),
    apiKey: env['TOKENSCOPE_API_KEY'] || null,
    host: env['TOKENSCOPE_HOST'] ?? '127.0.0.1',
    port: Number(env['TOKENSCOPE_PORT'] ?? 4000),
    modelsDir: resolve(cwd, env['TOKENSCOPE_MODELS_DIR'] ?? 'models'),
    defaultModel: env['TOKENSCOPE_MODEL'] ?? REFERENCE_MODEL_ID,
    device: (env['TOKENSCOPE_DEVICE'] ?? 'auto') as DeviceRequest,
    threads: Number(env['TOKENSCOPE_THREADS'] ?? 0),
    encodeInWorker: env['TOKENSCOPE_ENCODE_IN_WORKER'] === '1',
    webRoot: env['TOKENSCOPE_WEB_ROOT'] ? resolve(cwd, env['TOKENSCOPE_WEB_ROOT']) : defaultWebRoot(),
    uploadDir: env['TOKENSCOPE_UPLOAD_DIR'] ? resolve(cwd, env['TOKENSCOPE_UPLOAD_DIR']) : null,
    uploadMaxBytes: Number(env['TOKENSCOPE_UPLOAD_MAX_BYTES'] ?? DEFAULT_UPLOAD_MAX_BYTES),
    cacheBytes: Number(env['TOKENSCOPE_CACHE_BYTES'] ?? DEFAULT_CACHE_BYTES),
  };
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const merged: Settings = { ...base, ...defined };
  // The upload folder follows the data roots actually in force (flags win over the environment).
  // NaN would compare false against every size and so disable the limit: refuse it here.
  if (!Number.isSafeInteger(merged.uploadMaxBytes) || merged.uploadMaxBytes < 1) {
    throw invalidArgument(`uploadMaxBytes (--upload-max-bytes, TOKENSCOPE_UPLOAD_MAX_BYTES) must be a positive integer of bytes; received ${String(merged.uploadMaxBytes)}`, { argument: 'uploadMaxBytes' });
  }
  if (!Number.isSafeInteger(merged.cacheBytes) || merged.cacheBytes < 0) {
    throw invalidArgument(`cacheBytes (TOKENSCOPE_CACHE_BYTES) must be an integer ≥ 0 of bytes; received ${String(merged.cacheBytes)}`, { argument: 'cacheBytes' });
  }
  if (merged.uploadDir === null && merged.dataRoots.length) merged.uploadDir = resolve(cwd, merged.dataRoots[0]!, 'uploads');
  return merged;
}

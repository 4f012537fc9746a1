import { delimiter, join, resolve } from 'node:path';
import { packageRoot } from '../jsutils/repo-root.js';
import { invalidArgument } from '../errors.js';
import type { DeviceRequest } from '../tokenizer/execution-device.js';

/** Runtime settings, from flags over environment variables over defaults. */
export interface Settings {
  /**
   * DuckDB file, or ':memory:' (--db, env TOKENSCOPE_DB relative to the working folder; default
   * data/tokenscope.duckdb of the tokenscope installation, wherever the process was started, so that
   * every command, and the server, name the same file).
   */
  dbPath: string;
  /** Folders server-side ingest may read (env TOKENSCOPE_DATA_ROOTS, separated by ':', relative to the working folder; default data/ of the installation). */
  dataRoots: string[];
  /** Key for mutations (env TOKENSCOPE_API_KEY); null when unset. */
  apiKey: string | null;
  /** Listen address (env TOKENSCOPE_HOST; default 127.0.0.1). */
  host: string;
  /** Listen port (env TOKENSCOPE_PORT; default 4000; 0 picks a free one). */
  port: number;
  /** Registered models (--models-dir, env TOKENSCOPE_MODELS_DIR; default models/ of the tokenscope installation, wherever the process was started). */
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
  /** Time budget of one query over HTTP, in milliseconds (env TOKENSCOPE_REQUEST_TIMEOUT_MS; default 10 000; mutations are exempt). */
  requestTimeoutMs: number;
  /**
   * Host names requests may name besides the loopback names and `host` (env TOKENSCOPE_ALLOWED_HOSTS,
   * comma-separated; default none): a proxy's public name, or the machine's name on a LAN.
   */
  allowedHosts: string[];
  /** GraphQL introspection (env TOKENSCOPE_INTROSPECTION=1 or 0); null = on when `host` is loopback, off beyond it. */
  introspection: boolean | null;
  /** Bound of the result cache shared by requests, in bytes (env TOKENSCOPE_CACHE_BYTES; default 64 MiB; 0 keeps nothing). */
  cacheBytes: number;
  /**
   * The token a running server gives the CLI of its user through its server file (sharing/server-file.ts):
   * requests from loopback carrying it get the CLI's in-process rights. Set by `serve` only; null otherwise.
   */
  cliToken: string | null;
}

/** Id of the default reference encoder that ships in models/ (tokenscope-ref-v1, trained with the dev mixtures inside, ships beside it). */
export const REFERENCE_MODEL_ID = 'tokenscope-ref-v2';

/** Default of requestTimeoutMs: 10 s. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** Default of cacheBytes: 64 MiB. */
export const DEFAULT_CACHE_BYTES = 64 * 2 ** 20;

/** Default of uploadMaxBytes: 512 MiB. */
export const DEFAULT_UPLOAD_MAX_BYTES = 512 * 1024 * 1024;

/** dist/web of the package this module belongs to, wherever the process was started from. */
function defaultWebRoot(): string {
  return join(packageRoot(), 'dist', 'web');
}

/** An environment switch: '1' on, '0' off, unset or empty null; INVALID_ARGUMENT naming `name` otherwise. */
function onOff(value: string | undefined, name: string): boolean | null {
  if (value === undefined || value === '') return null;
  if (value === '1' || value === '0') return value === '1';
  throw invalidArgument(`${name} must be 1 or 0; received ${JSON.stringify(value.slice(0, 20))}`, { argument: name });
}

/** Default settings (paths of the installation), with the environment applied (its paths relative to `cwd`), then `overrides`. */
export function loadSettings(overrides: Partial<Settings> = {}, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Settings {
  const base: Settings = {
    dbPath: env['TOKENSCOPE_DB'] ? (env['TOKENSCOPE_DB'] === ':memory:' ? ':memory:' : resolve(cwd, env['TOKENSCOPE_DB'])) : join(packageRoot(), 'data', 'tokenscope.duckdb'),
    dataRoots: (env['TOKENSCOPE_DATA_ROOTS'] ?? join(packageRoot(), 'data')).split(delimiter).filter(Boolean).map((p) => resolve(cwd, p)),
    apiKey: env['TOKENSCOPE_API_KEY'] || null,
    host: env['TOKENSCOPE_HOST'] ?? '127.0.0.1',
    port: Number(env['TOKENSCOPE_PORT'] ?? 4000),
    modelsDir: env['TOKENSCOPE_MODELS_DIR'] ? resolve(cwd, env['TOKENSCOPE_MODELS_DIR']) : join(packageRoot(), 'models'),
    defaultModel: env['TOKENSCOPE_MODEL'] ?? REFERENCE_MODEL_ID,
    device: (env['TOKENSCOPE_DEVICE'] ?? 'auto') as DeviceRequest,
    threads: Number(env['TOKENSCOPE_THREADS'] ?? 0),
    encodeInWorker: env['TOKENSCOPE_ENCODE_IN_WORKER'] === '1',
    webRoot: env['TOKENSCOPE_WEB_ROOT'] ? resolve(cwd, env['TOKENSCOPE_WEB_ROOT']) : defaultWebRoot(),
    uploadDir: env['TOKENSCOPE_UPLOAD_DIR'] ? resolve(cwd, env['TOKENSCOPE_UPLOAD_DIR']) : null,
    uploadMaxBytes: Number(env['TOKENSCOPE_UPLOAD_MAX_BYTES'] ?? DEFAULT_UPLOAD_MAX_BYTES),
    requestTimeoutMs: Number(env['TOKENSCOPE_REQUEST_TIMEOUT_MS'] ?? DEFAULT_REQUEST_TIMEOUT_MS),
    allowedHosts: (env['TOKENSCOPE_ALLOWED_HOSTS'] ?? '').split(',').map((h) => h.trim()).filter(Boolean),
    introspection: onOff(env['TOKENSCOPE_INTROSPECTION'], 'TOKENSCOPE_INTROSPECTION'),
    cacheBytes: Number(env['TOKENSCOPE_CACHE_BYTES'] ?? DEFAULT_CACHE_BYTES),
    cliToken: null,
  };
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const merged: Settings = { ...base, ...defined };
  // The upload folder follows the data roots actually in force (flags win over the environment).
  // NaN would compare false against every size and so disable the limit: refuse it here.
  if (!Number.isSafeInteger(merged.uploadMaxBytes) || merged.uploadMaxBytes < 1) {
    throw invalidArgument(`uploadMaxBytes (--upload-max-bytes, TOKENSCOPE_UPLOAD_MAX_BYTES) must be a positive integer of bytes; received ${String(merged.uploadMaxBytes)}`, { argument: 'uploadMaxBytes' });
  }
  if (!Number.isSafeInteger(merged.requestTimeoutMs) || merged.requestTimeoutMs < 1) {
    throw invalidArgument(`requestTimeoutMs (--request-timeout-ms, TOKENSCOPE_REQUEST_TIMEOUT_MS) must be a positive integer of milliseconds; received ${String(merged.requestTimeoutMs)}`, { argument: 'requestTimeoutMs' });
  }
  if (!Number.isSafeInteger(merged.cacheBytes) || merged.cacheBytes < 0) {
    throw invalidArgument(`cacheBytes (TOKENSCOPE_CACHE_BYTES) must be an integer ≥ 0 of bytes; received ${String(merged.cacheBytes)}`, { argument: 'cacheBytes' });
  }
  if (merged.uploadDir === null && merged.dataRoots.length) merged.uploadDir = resolve(cwd, merged.dataRoots[0]!, 'uploads');
  return merged;
}

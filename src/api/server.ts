import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DetectorRegistry } from '../analytics/detectors/registry.js';
import { ErrorCode, TokenscopeError } from '../errors.js';
import type { ComparisonJobs } from '../query/comparison-jobs.js';
import type { ResultCache } from '../query/result-cache.js';
import { dataVersions } from '../store/data-versions.js';
import type { Store } from '../store/store.js';
import type { AudioServices } from './context.js';
import { mutationAccess } from './auth.js';
import { CLI_TOKEN_HEADER, cliConfig, isCliRequest } from './cli-access.js';
import type { ApiConfig } from './config.js';
import { createContext } from './context.js';
import type { ApiContext } from './context.js';
import { formatError, toGraphQLError } from './error-format.js';
import { serveAudioMedia } from './http/audio-media.js';
import { serveReconstructionMedia } from './http/reconstruction-media.js';
import { checkHost } from './http/host-check.js';
import { sendGraphQLError } from './http/respond.js';
import { setSecurityHeaders } from './http/security-headers.js';
import { SourceIdentity } from '../ingest/source-identity.js';
import { serveDashboardAsset, serveDashboardPage, serveGraphqlIde, wantsIde } from './http/static-files.js';
import { handleUpload } from './http/upload.js';
import { checkDocumentTokens } from './document-tokens.js';
import { LIMITS } from './limits.js';
import { refusalStatus } from './plugins/refusal-status.plugin.js';
import { requestGuards } from './plugins/request-guards.plugin.js';
import { responseCacheability } from './plugins/response-cacheability.plugin.js';
import { shownPaths } from './plugins/shown-paths.plugin.js';
import { ResponseCache } from './response-cache.js';
import { createSchema } from './schema.js';
import type { SignalSummaries } from './signal-summaries.js';
import type { Reconstructions } from './reconstructions.js';

/** Largest request body accepted, in bytes. */
const MAX_BODY_BYTES = 1 << 20;

/** The services the API serves. */
export interface ApiServices {
  store: Store;
  registry: DetectorRegistry;
  config: ApiConfig;
  /** Audio ingest: the decoder, the encoders and the background jobs. */
  audio: AudioServices;
  /** Results of repeated reads shared across requests; `store` answers from it (query/cached-store.ts). */
  cache: ResultCache;
  /** Whole responses of store-only queries, valid for one data generation (response-cache.ts). */
  responses: ResponseCache;
  /** Background comparisons (startComparison), run one at a time. */
  comparisons: ComparisonJobs;
  /** Waveform and spectrogram summaries of original audio files (signal-summaries.ts). */
  signals: SignalSummaries;
  /** The decoders reconstructions are made with, and the lane their decode steps share (reconstructions.ts). */
  reconstructions: Reconstructions;
}

/** The Apollo server plus a way to build contexts, usable over HTTP or in process. */
export interface Api {
  apollo: ApolloServer<ApiContext>;
  /** A context for an in-process caller (the CLI, tests): trusted, so mutations are allowed. */
  trustedContext(): ApiContext;
  stop(): Promise<void>;
}

/** Builds and starts the Apollo server (no HTTP listener yet). */
export async function createApi(services: ApiServices): Promise<Api> {
  const schema: GraphQLSchema = await createSchema();
  // stopOnTerminationSignals: Apollo's own SIGINT/SIGTERM handlers stop it and then re-raise the
  // signal, killing the process before the store is closed; the CLI and `serve` stop in order instead.
  // maxTokens backs up graphqlHandler's own count for in-process callers: parse stops there.
  const apollo = new ApolloServer<ApiContext>({
    schema,
    formatError,
    // shownPaths after requestGuards: it must see the partial errors the guards add.
    // No cache hints are used; Apollo's cache-control plugin would otherwise wrap every field's
    // resolver (about 8 % of a cached dashboard query's time). Apollo's landing page loads from other
    // hosts; a browser at /graphql gets the package's own GraphiQL instead (httpHandler).
    plugins: [requestGuards(() => schema), refusalStatus(), shownPaths(), responseCacheability(), ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageDisabled()],
    includeStacktraceInErrorResponses: false,
    introspection: services.config.introspection,
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: LIMITS.maxTokens },
  });
  await apollo.start();
  return {
    apollo,
    trustedContext: () => createContext(services, { mayMutate: true, mutationRefusal: null }),
    stop: () => apollo.stop(),
  };
}

/** A /graphql request body: its text, or how much of it came before the cap was passed. */
type Body = { kind: 'read'; text: string } | { kind: 'too-large'; received: string };

/**
 * Reads a body of at most MAX_BODY_BYTES; one declared longer is not read at all, one that runs
 * past the cap is read no further (the caller closes the connection, so nothing is left unread on
 * a connection that would be reused).
 */
function readBody(req: IncomingMessage): Promise<Body> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) return Promise.resolve({ kind: 'too-large', received: `Content-Length ${declared}` });
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData).off('end', onEnd).pause();
      resolve({ kind: 'too-large', received: `at least ${size}` });
    };
    const onEnd = () => resolve({ kind: 'read', text: Buffer.concat(chunks).toString('utf8') });
    req.on('data', onData).on('end', onEnd).once('error', reject);
  });
}

const configurations = new WeakMap<ApiConfig, number>();
let configurationCount = 0;

/** A number naming the configuration object in force (read per request: a new one makes kept responses unusable). */
function configurationId(config: ApiConfig): number {
  let id = configurations.get(config);
  if (id === undefined) configurations.set(config, (id = ++configurationCount));
  return id;
}

/** Serves POST/GET /graphql over node:http. */
export function graphqlHandler(api: Api, services: ApiServices): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/graphql') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: the GraphQL endpoint is /graphql\n');
      return;
    }
    const read = await readBody(req);
    if (read.kind === 'too-large') {
      sendGraphQLError(res, 413, ErrorCode.LIMIT_EXCEEDED, `request body must be at most ${MAX_BODY_BYTES} bytes; received ${read.received}`, { connection: 'close' });
      return;
    }
    const raw = read.text;
    // The CLI of the server's own user (cli-access.ts) runs as it would in process.
    const cli = isCliRequest(services.config, req);
    if (cli) res.setHeader(CLI_TOKEN_HEADER, 'accepted');
    const access = cli ? { mayMutate: true, mutationRefusal: null } : mutationAccess(services.config, req.headers);
    // A repeated store-only query in the same data generation is answered as it was last time.
    const cacheKey = ResponseCache.key({ method: req.method ?? 'GET', search: url.search, body: raw, accept: String(req.headers['accept'] ?? ''), trusted: access.mayMutate, cli, config: configurationId(services.config) });
    const generation = dataVersions(services.store.db).generation;
    const cached = services.responses.get(cacheKey, generation);
    if (cached) {
      for (const [k, v] of cached.headers) res.setHeader(k, v);
      res.statusCode = cached.status;
      res.end(cached.body);
      return;
    }
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    let body: unknown = raw;
    if ((headers.get('content-type') ?? '').includes('application/json') && raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        sendGraphQLError(res, 400, 'BAD_REQUEST', 'request body is not valid JSON');
        return;
      }
    }
    const query = body !== null && typeof body === 'object' ? (body as { query?: unknown }).query : url.searchParams.get('query');
    try {
      // Counted before Apollo parses and validates: both cost far more than the linear count.
      if (typeof query === 'string') checkDocumentTokens(query, LIMITS.maxTokens);
    } catch (err) {
      if (!(err instanceof TokenscopeError)) throw err;
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [toGraphQLError(err).toJSON()] }));
      return;
    }
    let context: ApiContext | undefined;
    const result = await api.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => (context = cli ? createContext({ ...services, config: cliConfig(services.config) }, access, null) : createContext(services, access, services.config.requestTimeoutMs)),
    });
    for (const [k, v] of result.headers) res.setHeader(k, v);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
      if (context?.responseCaching.keep && res.statusCode === 200) services.responses.set(cacheKey, generation, { status: 200, headers: [...result.headers], body: result.body.string });
      return;
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

/**
 * Routes every request, once its Host names this server (checkHost; every response carries the
 * security headers): the dashboard (`/`, `/index.html`, `/assets/…`), original audio
 * (`/media/audio/<id>`), reconstructions (`/media/reconstruction/<id>`), uploads (`/upload`), the GraphQL IDE (a browser's GET `/graphql`), and
 * everything else to graphqlHandler (`/graphql`, or its 404). Routes match the raw request path, before any `..` is normalised away, and read
 * services.config per request.
 */
export function httpHandler(api: Api, services: ApiServices): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const graphql = graphqlHandler(api, services);
  const sources = new SourceIdentity(services.store);
  return async (req, res) => {
    const config = services.config;
    setSecurityHeaders(res);
    if (!checkHost(req, res, config)) return;
    const [path, search] = (req.url ?? '/').split('?') as [string, string | undefined];
    if (path === '/' || path === '/index.html') return serveDashboardPage(req, res, config.webRoot);
    if (path.startsWith('/assets/')) return serveDashboardAsset(req, res, config.webRoot, path.slice('/assets/'.length));
    if (path.startsWith('/media/audio/')) return serveAudioMedia(req, res, services.store, config, sources, path.slice('/media/audio/'.length));
    if (path.startsWith('/media/reconstruction/')) return serveReconstructionMedia(req, res, services.store, services.reconstructions, path.slice('/media/reconstruction/'.length), search);
    if (path === '/upload') return handleUpload(req, res, config);
    if (path === '/graphql' && wantsIde(req, new URLSearchParams(search ?? ''))) return serveGraphqlIde(req, res, config.webRoot);
    return graphql(req, res);
  };
}

/** What listen() bound. */
export interface Listening {
  server: Server;
  /** The GraphQL endpoint, http://HOST:PORT/graphql. */
  url: string;
  /** The dashboard, http://HOST:PORT/. */
  dashboardUrl: string;
}

/** A failed listen as a domain error: a port in use or an address not on this machine is the user's to fix, not a crash. */
function listenError(err: NodeJS.ErrnoException, host: string, port: number): Error {
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (err.code === 'EADDRINUSE') return new TokenscopeError(ErrorCode.ADDRESS_IN_USE, `cannot listen on ${where}: the port is in use by another process; choose another with --port (TOKENSCOPE_PORT), or 0 for any free one`, { host, port }, { cause: err });
  if (err.code === 'EADDRNOTAVAIL' || err.code === 'EACCES') return new TokenscopeError(ErrorCode.ADDRESS_IN_USE, `cannot listen on ${where}: ${err.code === 'EACCES' ? 'permission denied (ports below 1024 need privileges)' : 'the address is not one of this machine'}; choose another --host or --port`, { host, port }, { cause: err });
  return err;
}

/** Starts the HTTP server on config.host:port; resolves with the bound address (ADDRESS_IN_USE when it cannot listen there). */
export async function listen(api: Api, services: ApiServices, port: number): Promise<Listening> {
  const handler = httpHandler(api, services);
  const server = createServer((req, res) => {
    handler(req, res).catch((err: unknown) => {
      console.error(err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(listenError(err, services.config.host, port)));
    server.listen(port, services.config.host, () => resolve());
  });
  const { address, port: bound } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return { server, url: `http://${host}:${bound}/graphql`, dashboardUrl: `http://${host}:${bound}/` };
}

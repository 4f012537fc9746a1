import { createServer, request } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { DocumentNode, GraphQLFormattedError } from 'graphql';
import { httpHandler, listen } from '../../src/api/server.js';
import type { App } from '../../src/main.js';

/** A running HTTP server and its /graphql URL. */
export interface Served {
  url: string;
  /** http://HOST:PORT, without a trailing slash. */
  origin: string;
  close(): Promise<void>;
}

function closer(server: Server): () => Promise<void> {
  return () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((err) => (err ? reject(err) : resolve()));
    });
}

/** Serves the app with listen() on a free port of its configured host. */
export async function serve(app: App): Promise<Served> {
  const { server, url } = await listen(app.api, app.services, 0);
  return { url, origin: new URL(url).origin, close: closer(server) };
}

/**
 * Serves the app's HTTP handler on 127.0.0.1 whatever its configured host, so a test can see
 * how a server configured for another address (e.g. 0.0.0.0) treats requests without exposing it.
 */
export async function serveOnLoopback(app: App): Promise<Served> {
  const handler = httpHandler(app.api, app.services);
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/graphql`, origin: `http://127.0.0.1:${port}`, close: closer(server) };
}

/** What came back over HTTP. */
export interface HttpOutcome<TData> {
  status: number;
  data: TData | null | undefined;
  errors: readonly GraphQLFormattedError[];
}

/** POSTs an operation as JSON to `url` with extra headers. */
export async function post<TData, TVariables>(
  url: string,
  document: TypedDocumentNode<TData, TVariables> | DocumentNode,
  variables: TVariables,
  headers: Record<string, string> = {},
): Promise<HttpOutcome<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: TData | null; errors?: GraphQLFormattedError[] };
  return { status: response.status, data: body.data, errors: body.errors ?? [] };
}

/** What a raw request got back. */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Options of rawRequest. */
export interface RawRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  /** One buffer (sent with Content-Length) or several (sent chunked, without Content-Length). */
  body?: Buffer | readonly Buffer[];
}

/**
 * Sends a request with node:http exactly as given: the path is not normalised (fetch would resolve
 * `..` and drop nothing of what a hostile client can send), and an answer that arrives before the
 * body is all sent is still read. Errors after the answer (the server closing early) are ignored.
 */
export function rawRequest(origin: string, path: string, options: RawRequestOptions = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(origin);
  const chunks = options.body === undefined ? [] : Buffer.isBuffer(options.body) ? [options.body] : options.body;
  const headers = { ...(Buffer.isBuffer(options.body) ? { 'content-length': String(options.body.length) } : {}), ...options.headers };
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request({ hostname, port, path, method: options.method ?? 'GET', headers, agent: false }, (res) => {
      answered = true;
      const body: Buffer[] = [];
      res.on('data', (chunk: Buffer) => body.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(body) }));
      res.on('error', reject);
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { DocumentNode, GraphQLFormattedError } from 'graphql';
import { graphqlHandler, listen } from '../../src/api/server.js';
import type { App } from '../../src/main.js';

/** A running HTTP server and its /graphql URL. */
export interface Served {
  url: string;
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
  return { url, close: closer(server) };
}

/**
 * Serves the app's GraphQL handler on 127.0.0.1 whatever its configured host, so a test can see
 * how a server configured for another address (e.g. 0.0.0.0) treats requests without exposing it.
 */
export async function serveOnLoopback(app: App): Promise<Served> {
  const handler = graphqlHandler(app.api, app.services);
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/graphql`, close: closer(server) };
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

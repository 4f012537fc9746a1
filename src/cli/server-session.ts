import { request } from 'node:http';
import { ErrorCode, TokenscopeError } from '../errors.js';
import type { ServerFile } from '../sharing/server-file.js';
import { CLI_TOKEN_HEADER } from '../api/cli-access.js';
import type { OperationResult } from './session.js';

/**
 * POSTs one GraphQL operation to the server that holds the database, with the CLI token of its
 * server file. node:http rather than fetch: fetch gives up on a response whose headers take more
 * than 300 s, and a `compare` of many configurations may run longer than that.
 */
export function postOperation(server: ServerFile, query: string, variables: Record<string, unknown>): Promise<OperationResult> {
  const body = JSON.stringify({ query, variables });
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const unreachable = (why: string) =>
      new TokenscopeError(ErrorCode.SERVER_UNREACHABLE, `the server at ${server.url} (pid ${server.pid}), which holds ${server.db}, ${why}; if it was stopped, run the command again: it then opens the database itself`, { url: server.url });
    const req = request(
      { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), [CLI_TOKEN_HEADER]: server.token } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => reject(unreachable(`broke off its answer (${err.message})`)));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            const parsed = JSON.parse(text) as OperationResult;
            if (res.headers[CLI_TOKEN_HEADER] !== 'accepted') reject(new TokenscopeError(ErrorCode.SERVER_RUNNING, `the server at ${server.url} did not accept this user's CLI token from ${server.db}.server.json (a server of another user, or one restarted since the file was read); run the command again`));
            else resolve({ data: parsed.data ?? null, errors: parsed.errors ?? [] });
          } catch {
            reject(unreachable(`answered HTTP ${res.statusCode} with no GraphQL result (${JSON.stringify(text.slice(0, 120))})`));
          }
        });
      },
    );
    req.on('error', (err) => reject(unreachable(`did not answer (${err.message})`)));
    req.end(body);
  });
}

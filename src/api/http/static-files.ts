import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { assetContentType } from './content-types.js';
import { sendText } from './respond.js';
import { sendFile } from './send-file.js';
import { servedRelativePath } from './served-path.js';

/** The Content-Security-Policy of the dashboard page: everything from this origin only, and no framing. */
export const DASHBOARD_CSP = "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'";

/**
 * The Content-Security-Policy of the GraphQL IDE (GraphiQL 3 from the package's UMD builds): scripts,
 * styles and requests from this origin only; GraphiQL's fonts are data: URLs in its CSS, and its
 * editors set style attributes, hence 'unsafe-inline' for styles (no script is inline or evaluated).
 */
export const IDE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const HTML_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-cache',
  'x-content-type-options': 'nosniff',
  'content-security-policy': DASHBOARD_CSP,
  'referrer-policy': 'no-referrer',
};

function readOnly(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return true;
  sendText(res, 405, `method ${req.method ?? ''} not allowed here: use GET or HEAD`, { allow: 'GET, HEAD' });
  return false;
}

/** GET/HEAD `/` and `/index.html`: the dashboard page; 503 when it has not been built. */
export async function serveDashboardPage(req: IncomingMessage, res: ServerResponse, webRoot: string): Promise<void> {
  if (!readOnly(req, res)) return;
  if (!(await sendFile(req, res, join(webRoot, 'index.html'), HTML_HEADERS))) sendText(res, 503, 'dashboard not built: run npm run build');
}

/** GET/HEAD `/graphql` asked for by a browser (Accept: text/html): the GraphQL IDE page; 503 when it has not been built. */
export async function serveGraphqlIde(req: IncomingMessage, res: ServerResponse, webRoot: string): Promise<void> {
  if (!(await sendFile(req, res, join(webRoot, 'graphiql.html'), { ...HTML_HEADERS, 'content-security-policy': IDE_CSP }))) sendText(res, 503, 'GraphQL IDE not built: run npm run build');
}

/** True for a browser's navigation to `/graphql`: GET or HEAD, HTML preferred, no `query` parameter (a GET query stays a query). */
export function wantsIde(req: IncomingMessage, search: URLSearchParams): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && !search.has('query') && /\btext\/html\b/.test(String(req.headers['accept'] ?? ''));
}

/** GET/HEAD `/assets/<file>`: a file of `<webRoot>/assets/`; 400 for a path that tries to leave it, 404 when missing. */
export async function serveDashboardAsset(req: IncomingMessage, res: ServerResponse, webRoot: string, encodedName: string): Promise<void> {
  if (!readOnly(req, res)) return;
  const name = servedRelativePath(encodedName);
  if (name === null) {
    sendText(res, 400, 'invalid asset path');
    return;
  }
  const headers = { 'content-type': assetContentType(name), 'cache-control': 'public, max-age=3600', 'x-content-type-options': 'nosniff' };
  if (!(await sendFile(req, res, join(webRoot, 'assets', name), headers))) sendText(res, 404, `no asset ${JSON.stringify(name.slice(0, 200))}`);
}

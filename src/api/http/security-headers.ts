import type { ServerResponse } from 'node:http';

/**
 * Headers every response carries, whatever the route: no MIME sniffing, and no page of any origin
 * may frame this server's (clickjacking). A route's own Content-Security-Policy (the dashboard's)
 * replaces this one and repeats its frame-ancestors.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "frame-ancestors 'none'",
};

/** Sets SECURITY_HEADERS on a response before anything is written (headers given to writeHead win). */
export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

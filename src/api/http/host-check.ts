import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { invalidArgument } from '../../errors.js';
import { isLoopback } from '../auth.js';
import type { ApiConfig } from '../config.js';
import { sendGraphQLError } from './respond.js';

/** Longest excerpt of a refused Host header quoted back, in characters. */
const MAX_HOST_EXCERPT = 100;

/** Addresses that mean "every interface": no client names the server by them. */
const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/**
 * The host name of a Host header (or of a configured name): lower case, without the port, the
 * brackets of an IPv6 literal or a trailing dot; null when it is not `name[:port]` or
 * `[ipv6][:port]`.
 */
export function hostNameOf(value: string): string | null {
  const h = value.trim().toLowerCase();
  let name: string;
  let rest: string;
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    if (end < 0) return null;
    [name, rest] = [h.slice(1, end), h.slice(end + 1)];
    if (isIP(name) !== 6) return null;
  } else {
    // A bare IPv6 literal (a configured name, never a valid Host header) is taken whole.
    if (isIP(h) === 6) return h;
    const colon = h.indexOf(':');
    [name, rest] = colon < 0 ? [h, ''] : [h.slice(0, colon), h.slice(colon)];
    if (name.endsWith('.')) name = name.slice(0, -1);
    if (!/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(name)) return null;
  }
  return rest === '' || /^:\d{1,5}$/.test(rest) ? name : null;
}

/**
 * The configured allowed host names, normalised as hostNameOf does (a port given is dropped);
 * INVALID_ARGUMENT naming the first entry that is not a host name or IP literal.
 */
export function allowedHostNames(names: readonly string[]): string[] {
  return names.map((raw) => {
    const name = hostNameOf(raw);
    if (name === null || name === '') {
      throw invalidArgument(`allowed host (--allowed-host, TOKENSCOPE_ALLOWED_HOSTS) must be a host name or IP address, e.g. tokenscope.example or 192.168.1.5; received ${JSON.stringify(raw.slice(0, MAX_HOST_EXCERPT))}`, { argument: 'allowedHosts', value: raw });
    }
    return name;
  });
}

/**
 * Whether a request's Host names this server: a loopback name (localhost, an IPv4 literal in
 * 127.0.0.0/8, [::1]), the address it listens on (unless that is a wildcard), or one of
 * config.allowedHosts. Names are compared without the port, which a proxy may change.
 * `*.localhost` is not taken: a resolver may send it to DNS; allow it by name if wanted.
 */
export function hostAllowed(host: string | undefined, config: Pick<ApiConfig, 'host' | 'allowedHosts'>): boolean {
  if (host === undefined) return false;
  const name = hostNameOf(host);
  if (name === null) return false;
  if (isLoopback(name)) return true;
  const bound = hostNameOf(config.host);
  if (bound !== null && !WILDCARDS.has(bound) && bound === name) return true;
  return config.allowedHosts.includes(name);
}

/**
 * The DNS-rebinding guard, run before any route: a request whose Host does not name this server
 * is answered 421 Misdirected Request (RFC 9110 §15.5.20: this server will not answer for that
 * name, which is what happened; 403 would read as a missing right) with a GraphQL-shaped error
 * naming the host and the option that allows it, and the connection is closed so that no body is
 * read. Returns false when it answered.
 */
export function checkHost(req: IncomingMessage, res: ServerResponse, config: Pick<ApiConfig, 'host' | 'allowedHosts'>): boolean {
  const host = req.headers.host;
  if (hostAllowed(host, config)) return true;
  const suggestion = ((host !== undefined && hostNameOf(host)) || 'NAME').slice(0, MAX_HOST_EXCERPT);
  const what = host === undefined ? 'the request has no Host header' : `Host ${JSON.stringify(host.slice(0, MAX_HOST_EXCERPT))} does not name this server`;
  const message =
    `${what}: it answers only to localhost, 127.0.0.0/8, [::1], the address it listens on and the names allowed ` +
    `(start it with --allowed-host ${suggestion}, or set TOKENSCOPE_ALLOWED_HOSTS=${suggestion}, to allow that name)`;
  sendGraphQLError(res, 421, 'HOST_NOT_ALLOWED', message, { connection: 'close' });
  return false;
}

import type { IncomingHttpHeaders } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { ApiConfig } from './config.js';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * True for addresses that only this machine can reach: the name `localhost`, IPv4 literals in
 * 127.0.0.0/8 and the IPv6 loopback (brackets allowed), all parsed as addresses with node:net, so
 * a DNS name such as `127.evil.example` or the shorthand `127.1` is not loopback.
 */
export function isLoopback(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (name === 'localhost') return true;
  const family = isIP(name);
  return family !== 0 && LOOPBACK.check(name, family === 4 ? 'ipv4' : 'ipv6');
}

function sameKey(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Whether a request may mutate: with an API key configured it must be presented
 * (`Authorization: Bearer <key>` or `x-api-key: <key>`); without one, only a loopback server allows
 * mutations, so a server exposed beyond loopback never accepts anonymous writes.
 */
export function mutationAccess(config: Pick<ApiConfig, 'apiKey' | 'host'>, headers: IncomingHttpHeaders): { mayMutate: boolean; mutationRefusal: string | null } {
  if (config.apiKey === null) {
    return isLoopback(config.host)
      ? { mayMutate: true, mutationRefusal: null }
      : { mayMutate: false, mutationRefusal: `mutations are disabled: the server listens on ${config.host} and no API key is configured (set TOKENSCOPE_API_KEY)` };
  }
  const auth = headers['authorization'];
  const presented = (typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7) : undefined) ?? (headers['x-api-key'] as string | undefined);
  if (presented && sameKey(presented, config.apiKey)) return { mayMutate: true, mutationRefusal: null };
  return { mayMutate: false, mutationRefusal: presented ? 'the API key presented is wrong' : 'mutations need the API key: send Authorization: Bearer <key> or x-api-key' };
}

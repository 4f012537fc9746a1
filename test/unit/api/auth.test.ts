import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLoopback, mutationAccess } from '../../../src/api/auth.js';

const KEY = 'correct horse battery staple';
const config = (host: string, apiKey: string | null) => ({ host, apiKey, dataRoots: [] });
const allowed = { mayMutate: true, mutationRefusal: null };

describe('isLoopback', () => {
  it('accepts localhost, ::1 and 127.0.0.0/8', () => {
    for (const host of ['localhost', '::1', '127.0.0.1', '127.1.2.3']) assert.equal(isLoopback(host), true, host);
  });
  it('accepts any spelling of the IPv6 loopback, bracketed or not, and IPv4-mapped 127.x', () => {
    for (const host of ['[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', 'LOCALHOST', '127.255.255.255']) assert.equal(isLoopback(host), true, host);
  });
  it('rejects wildcard and routable addresses', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.org', '128.0.0.1']) assert.equal(isLoopback(host), false, host);
  });
  it('rejects DNS names and shorthands that merely start like loopback', () => {
    for (const host of ['127.evil.example', '127.0.0.1.evil.example', '127.1', '0177.0.0.1', 'localhost.evil.example', 'sub.localhost', '::2', '']) assert.equal(isLoopback(host), false, host);
  });
});

describe('mutationAccess', () => {
  it('allows mutations without a key on a loopback server', () => {
    assert.deepEqual(mutationAccess(config('127.0.0.1', null), {}), allowed);
    assert.deepEqual(mutationAccess(config('localhost', null), {}), allowed);
  });

  it('refuses mutations without a key on a server listening beyond loopback, saying why', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10']) {
      const access = mutationAccess(config(host, null), { authorization: 'Bearer anything' });
      assert.equal(access.mayMutate, false, host);
      assert.match(access.mutationRefusal ?? '', new RegExp(`listens on ${host.replace(/\./g, '\\.')} and no API key is configured`));
      assert.match(access.mutationRefusal ?? '', /TOKENSCOPE_API_KEY/);
    }
  });

  it('allows mutations that present the configured key as a Bearer token or x-api-key, on any host', () => {
    for (const host of ['127.0.0.1', '0.0.0.0']) {
      assert.deepEqual(mutationAccess(config(host, KEY), { authorization: `Bearer ${KEY}` }), allowed);
      assert.deepEqual(mutationAccess(config(host, KEY), { 'x-api-key': KEY }), allowed);
    }
  });

  describe('refuses', () => {
    const cases: [string, Record<string, string>, RegExp][] = [
      ['no key at all', {}, /mutations need the API key/],
      ['the key without the Bearer scheme', { authorization: KEY }, /mutations need the API key/],
      ['a wrong Bearer token', { authorization: 'Bearer wrong' }, /the API key presented is wrong/],
      ['a key one character longer', { 'x-api-key': `${KEY}!` }, /the API key presented is wrong/],
      ['a key one character shorter', { authorization: `Bearer ${KEY.slice(0, -1)}` }, /the API key presented is wrong/],
      ['an empty Bearer token', { authorization: 'Bearer ' }, /mutations need the API key/],
    ];
    for (const [name, headers, message] of cases) {
      it(`${name}, even on loopback`, () => {
        const access = mutationAccess(config('127.0.0.1', KEY), headers);
        assert.equal(access.mayMutate, false);
        assert.match(access.mutationRefusal ?? '', message);
      });
    }
  });
});

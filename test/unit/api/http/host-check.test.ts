import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allowedHostNames, hostAllowed, hostNameOf } from '../../../../src/api/http/host-check.js';
import { ErrorCode } from '../../../../src/errors.js';
import { assertThrowsCode } from '../../../support/errors.js';

describe('hostNameOf', () => {
  it('keeps the name of name[:port] and [ipv6][:port], in lower case, without a trailing dot', () => {
    const cases: [string, string][] = [
      ['localhost:4000', 'localhost'],
      ['Tokenscope.Example', 'tokenscope.example'],
      ['example.org.:80', 'example.org'],
      ['127.0.0.1:1', '127.0.0.1'],
      ['[::1]:4000', '::1'],
      ['[::1]', '::1'],
      ['::1', '::1'],
    ];
    for (const [value, name] of cases) assert.equal(hostNameOf(value), name, value);
  });

  it('returns null for what is not a host name', () => {
    for (const value of ['', 'a b', 'host:port', 'host:123456', '[::1', '[evil.example]:80', 'user@host', 'a..b', 'host/x', '[::1]x']) assert.equal(hostNameOf(value), null, value);
  });
});

describe('hostAllowed', () => {
  const config = { host: '127.0.0.1', allowedHosts: ['tokenscope.example'] };

  it('accepts loopback names, the listening address and the allowed names, whatever the port', () => {
    for (const host of ['localhost:1', '127.0.0.1:4000', '127.3.2.1', '[::1]:80', 'tokenscope.example:443']) assert.equal(hostAllowed(host, config), true, host);
    assert.equal(hostAllowed('192.168.1.5:4000', { host: '192.168.1.5', allowedHosts: [] }), true);
  });

  it('refuses other names, a wildcard listening address named as a host, and a missing Host', () => {
    for (const host of ['evil.example:4100', '127.evil.example', 'tokenscope.example.evil', '0.0.0.0:4000', '[::]:4000', undefined]) {
      assert.equal(hostAllowed(host, { host: '0.0.0.0', allowedHosts: ['tokenscope.example'] }), false, String(host));
    }
  });
});

describe('allowedHostNames', () => {
  it('normalises names and drops a port given by mistake', () => {
    assert.deepEqual(allowedHostNames(['Tokenscope.Example', 'lan-box:4000', '[fe80::1]', '192.168.1.5']), ['tokenscope.example', 'lan-box', 'fe80::1', '192.168.1.5']);
  });

  it('refuses an entry that is not a host name, naming it and the option', () => {
    assertThrowsCode(() => allowedHostNames(['ok.example', 'http://x.example/']), ErrorCode.INVALID_ARGUMENT, /^allowed host \(--allowed-host, TOKENSCOPE_ALLOWED_HOSTS\) must be a host name or IP address.*; received "http:\/\/x\.example\/"$/);
  });
});

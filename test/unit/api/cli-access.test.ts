import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cliConfig, isCliRequest } from '../../../src/api/cli-access.js';
import type { ApiConfig } from '../../../src/api/config.js';

const token = 'a'.repeat(43);
const req = (headers: Record<string, string>, remoteAddress: string, localAddress = '127.0.0.1') => ({ headers, socket: { remoteAddress, localAddress } }) as never;

describe('isCliRequest', () => {
  it('accepts the server token from loopback (IPv4, IPv6, IPv4-mapped) and from the server\'s own address', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) assert.equal(isCliRequest({ cliToken: token }, req({ 'x-tokenscope-cli': token }, address)), true, address);
    assert.equal(isCliRequest({ cliToken: token }, req({ 'x-tokenscope-cli': token }, '10.0.0.5', '10.0.0.5')), true);
  });

  it('refuses a wrong or missing token, a server without one, and any other machine even with the right token', () => {
    assert.equal(isCliRequest({ cliToken: token }, req({ 'x-tokenscope-cli': 'b'.repeat(43) }, '127.0.0.1')), false);
    assert.equal(isCliRequest({ cliToken: token }, req({ 'x-tokenscope-cli': token.slice(1) }, '127.0.0.1')), false);
    assert.equal(isCliRequest({ cliToken: token }, req({}, '127.0.0.1')), false);
    assert.equal(isCliRequest({ cliToken: null }, req({ 'x-tokenscope-cli': token }, '127.0.0.1')), false);
    assert.equal(isCliRequest({ cliToken: token }, req({ 'x-tokenscope-cli': token }, '10.0.0.7', '10.0.0.5')), false);
  });

  it('lets the CLI read its own files, as in process, and changes nothing else', () => {
    const config = { dataRoots: ['/srv/data'], host: '127.0.0.1', apiKey: 'k' } as unknown as ApiConfig;
    assert.deepEqual(cliConfig(config), { ...config, dataRoots: ['/'] });
    assert.deepEqual(config.dataRoots, ['/srv/data']);
  });
});

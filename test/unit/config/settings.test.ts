import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_UPLOAD_MAX_BYTES, loadSettings } from '../../../src/config/settings.js';
import { ErrorCode } from '../../../src/errors.js';
import { assertThrowsCode } from '../../support/errors.js';
import { repoRoot } from '../../support/paths.js';

const CWD = '/srv/work';

describe('loadSettings: dashboard and uploads', () => {
  it('serves dist/web of the package and uploads into the first data root, at most 512 MiB', () => {
    const s = loadSettings({}, {}, CWD);
    assert.equal(s.webRoot, join(repoRoot(), 'dist', 'web'));
    assert.equal(s.uploadDir, join(repoRoot(), 'data', 'uploads'));
    assert.equal(s.uploadMaxBytes, 512 * 1024 * 1024);
    assert.equal(DEFAULT_UPLOAD_MAX_BYTES, 536870912);
  });

  it('takes the environment, relative to the working folder', () => {
    const s = loadSettings({}, { TOKENSCOPE_WEB_ROOT: 'web', TOKENSCOPE_UPLOAD_DIR: 'data/in', TOKENSCOPE_UPLOAD_MAX_BYTES: '1000' }, CWD);
    assert.deepEqual([s.webRoot, s.uploadDir, s.uploadMaxBytes], ['/srv/work/web', '/srv/work/data/in', 1000]);
  });

  it('puts the default upload folder in the data roots in force, flags included', () => {
    assert.equal(loadSettings({ dataRoots: ['/mnt/a', '/mnt/b'] }, { TOKENSCOPE_DATA_ROOTS: '/env/root' }, CWD).uploadDir, '/mnt/a/uploads');
    assert.equal(loadSettings({}, { TOKENSCOPE_DATA_ROOTS: 'rel' }, CWD).uploadDir, '/srv/work/rel/uploads');
  });

  it('finds the database and the data root in the installation, whatever the working folder; the environment is read relative to it', () => {
    const s = loadSettings({}, {}, CWD);
    assert.equal(s.dbPath, join(repoRoot(), 'data', 'tokenscope.duckdb'));
    assert.deepEqual(s.dataRoots, [join(repoRoot(), 'data')]);
    assert.equal(loadSettings({}, { TOKENSCOPE_DB: 'x/t.duckdb' }, CWD).dbPath, '/srv/work/x/t.duckdb');
    assert.equal(loadSettings({}, { TOKENSCOPE_DB: ':memory:' }, CWD).dbPath, ':memory:');
    assert.equal(loadSettings({ dataRoots: [] }, {}, CWD).uploadDir, null);
    assert.equal(loadSettings({ uploadDir: '/x/up' }, {}, CWD).uploadDir, '/x/up');
  });

  it('refuses an upload limit that is not a positive integer, rather than serving without one', () => {
    for (const value of ['abc', '0', '-5', '1.5', '']) {
      assertThrowsCode(() => loadSettings({}, { TOKENSCOPE_UPLOAD_MAX_BYTES: value }, CWD), ErrorCode.INVALID_ARGUMENT, /uploadMaxBytes .*must be a positive integer of bytes/);
    }
  });

  it('encodes in the calling thread unless TOKENSCOPE_ENCODE_IN_WORKER=1 (serve turns it on itself)', () => {
    assert.equal(loadSettings({}, {}, CWD).encodeInWorker, false);
    assert.equal(loadSettings({}, { TOKENSCOPE_ENCODE_IN_WORKER: '1' }, CWD).encodeInWorker, true);
    assert.equal(loadSettings({ encodeInWorker: true }, { TOKENSCOPE_ENCODE_IN_WORKER: '0' }, CWD).encodeInWorker, true);
  });

  it('bounds the result cache at 64 MiB unless TOKENSCOPE_CACHE_BYTES says otherwise (0 keeps nothing)', () => {
    assert.equal(loadSettings({}, {}, CWD).cacheBytes, 64 * 2 ** 20);
    assert.equal(loadSettings({}, { TOKENSCOPE_CACHE_BYTES: '0' }, CWD).cacheBytes, 0);
    assert.equal(loadSettings({}, { TOKENSCOPE_CACHE_BYTES: '1048576' }, CWD).cacheBytes, 1048576);
  });

  it('refuses a cache bound that is not an integer ≥ 0, naming the variable and the value', () => {
    for (const value of ['abc', '-5', '1.5']) {
      assertThrowsCode(() => loadSettings({}, { TOKENSCOPE_CACHE_BYTES: value }, CWD), ErrorCode.INVALID_ARGUMENT, new RegExp(`cacheBytes \\(TOKENSCOPE_CACHE_BYTES\\) must be an integer ≥ 0 of bytes; received ${value === 'abc' ? 'NaN' : value.replace('.', '\\.')}`));
    }
  });
});

describe('loadSettings: request time budget', () => {
  it('gives each query 10 s unless TOKENSCOPE_REQUEST_TIMEOUT_MS or the flag says otherwise', () => {
    assert.equal(loadSettings({}, {}, CWD).requestTimeoutMs, 10_000);
    assert.equal(loadSettings({}, { TOKENSCOPE_REQUEST_TIMEOUT_MS: '2500' }, CWD).requestTimeoutMs, 2500);
    assert.equal(loadSettings({ requestTimeoutMs: 40 }, { TOKENSCOPE_REQUEST_TIMEOUT_MS: '2500' }, CWD).requestTimeoutMs, 40);
  });

  it('refuses a budget that is not a positive integer of milliseconds, rather than serving without one', () => {
    for (const value of ['abc', '0', '-5', '1.5', '']) {
      assertThrowsCode(() => loadSettings({}, { TOKENSCOPE_REQUEST_TIMEOUT_MS: value }, CWD), ErrorCode.INVALID_ARGUMENT, /requestTimeoutMs \(--request-timeout-ms, TOKENSCOPE_REQUEST_TIMEOUT_MS\) must be a positive integer of milliseconds; received/);
    }
  });
});

describe('loadSettings: host names and introspection', () => {
  it('allows no extra host names and leaves introspection to the host by default', () => {
    const s = loadSettings({}, {}, CWD);
    assert.deepEqual(s.allowedHosts, []);
    assert.equal(s.introspection, null);
  });

  it('takes TOKENSCOPE_ALLOWED_HOSTS comma-separated and TOKENSCOPE_INTROSPECTION as 1 or 0; flags win', () => {
    const s = loadSettings({}, { TOKENSCOPE_ALLOWED_HOSTS: 'a.example, b.example,', TOKENSCOPE_INTROSPECTION: '1' }, CWD);
    assert.deepEqual([s.allowedHosts, s.introspection], [['a.example', 'b.example'], true]);
    assert.equal(loadSettings({}, { TOKENSCOPE_INTROSPECTION: '0' }, CWD).introspection, false);
    assert.deepEqual(loadSettings({ allowedHosts: ['c.example'] }, { TOKENSCOPE_ALLOWED_HOSTS: 'a.example' }, CWD).allowedHosts, ['c.example']);
  });

  it('refuses a TOKENSCOPE_INTROSPECTION other than 1 or 0', () => {
    assertThrowsCode(() => loadSettings({}, { TOKENSCOPE_INTROSPECTION: 'yes' }, CWD), ErrorCode.INVALID_ARGUMENT, /^TOKENSCOPE_INTROSPECTION must be 1 or 0; received "yes"$/);
  });
});

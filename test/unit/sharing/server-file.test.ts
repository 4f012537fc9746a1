import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findServer } from '../../../src/sharing/find-server.js';
import { newServerToken, readServerFile, removeServerFile, serverFilePath, writeServerFile } from '../../../src/sharing/server-file.js';
import type { ServerFile } from '../../../src/sharing/server-file.js';

describe('server file', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenscope-server-file-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));
  const info = (db: string, over: Partial<ServerFile> = {}): ServerFile => ({ version: 1, pid: process.pid, url: 'http://127.0.0.1:1/graphql', token: newServerToken(), db, modelsDir: '/m', device: 'auto', threads: 1, startedAt: 'now', ...over });

  it('lives beside the database, readable by its owner only; none for :memory:', async () => {
    const db = join(dir, 'a.duckdb');
    const written = info(db);
    assert.equal(await writeServerFile(written), `${db}.server.json`);
    assert.equal(statSync(`${db}.server.json`).mode & 0o777, 0o600);
    assert.deepEqual(await readServerFile(db), written);
    assert.equal(serverFilePath(':memory:'), null);
    assert.equal(await readServerFile(':memory:'), null);
  });

  it('reads an absent, half-written or foreign file as none', async () => {
    const db = join(dir, 'b.duckdb');
    assert.equal(await readServerFile(db), null);
    await writeFile(`${db}.server.json`, '{"version":1,"pid":');
    assert.equal(await readServerFile(db), null);
    await writeFile(`${db}.server.json`, '{"version":2,"pid":1,"url":"x","token":"y"}');
    assert.equal(await readServerFile(db), null);
  });

  it('is removed only by the server that wrote it', async () => {
    const db = join(dir, 'c.duckdb');
    const old = info(db);
    const current = info(db);
    await writeServerFile(current);
    await removeServerFile(old);
    assert.deepEqual(await readServerFile(db), current, 'a stale server does not remove its successor\'s file');
    await removeServerFile(current);
    assert.equal(await readServerFile(db), null);
  });

  it('makes tokens of 256 random bits, base64url', () => {
    const a = newServerToken();
    assert.match(a, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(a, newServerToken());
  });

  it('finds no running server when the file names a process that is gone, or one that does not answer', async () => {
    const db = join(dir, 'd.duckdb');
    await writeServerFile(info(db, { pid: 2 ** 22 + 12345 }));
    const gone = await findServer(db);
    assert.equal(gone.kind, 'stale');
    assert.match(gone.kind === 'stale' ? gone.reason : '', /process \d+ no longer runs/);
    await writeServerFile(info(db, { url: 'http://127.0.0.1:9/graphql' })); // this process, nothing listening on port 9
    const silent = await findServer(db, 1000);
    assert.equal(silent.kind, 'stale');
    assert.match(silent.kind === 'stale' ? silent.reason : '', /did not answer/);
    assert.equal((await findServer(join(dir, 'none.duckdb'))).kind, 'none');
  });
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { Database } from '../../../src/store/database.js';
import { migrationMarkerPath } from '../../../src/store/migration-marker.js';
import { openError } from '../../../src/store/open-errors.js';
import { unusedTailBytes } from '../../../src/store/reclaim-space.js';
import { openStore } from '../../../src/store/store.js';
import { assertRejectsCode } from '../../support/errors.js';

/**
 * Leaves at `path` what a process killed right after an ALTER TABLE … ADD COLUMN on a table with a
 * nextval() default leaves: a WAL that DuckDB 1.5 cannot replay.
 */
function unreplayableWal(path: string): void {
  const script = `
    import { DuckDBInstance } from '@duckdb/node-api';
    const c = await (await DuckDBInstance.create(${JSON.stringify(path)})).connect();
    for (const sql of ["CREATE SEQUENCE s START 1", "CREATE TABLE t (id INTEGER DEFAULT nextval('s'), x INTEGER)", "CHECKPOINT", "ALTER TABLE t ADD COLUMN y VARCHAR"]) await c.run(sql);
    process.kill(process.pid, 'SIGKILL');`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: process.cwd() });
  assert.equal(r.signal, 'SIGKILL', String(r.stderr));
}

describe('opening a database after a crash', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenscope-open-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('sets aside a WAL it cannot replay when a migration marker says it holds only migrations, and opens', async () => {
    const path = join(dir, 'marked.duckdb');
    unreplayableWal(path);
    writeFileSync(migrationMarkerPath(path), '{}\n');
    const db = await Database.open(path);
    try {
      assert.deepEqual((await db.query("SELECT column_name FROM information_schema.columns WHERE table_name = 't' ORDER BY column_name")).map((r) => r['column_name']), ['id', 'x']);
    } finally {
      await db.close();
    }
    assert.equal(existsSync(`${path}.wal`), false);
    assert.equal(readdirSync(dir).filter((f) => f.startsWith('marked.duckdb.wal.interrupted-migration-')).length, 1, 'the WAL is kept aside, not deleted');
  });

  it('refuses, naming the WAL failure and moving nothing, when no marker vouches for the WAL', async () => {
    const path = join(dir, 'unmarked.duckdb');
    unreplayableWal(path);
    await assertRejectsCode(Database.open(path), ErrorCode.UNREADABLE_FILE, /cannot open database .*unmarked\.duckdb: .*Failure while replaying WAL/);
    assert.equal(existsSync(`${path}.wal`), true, 'a WAL that may hold data is left where it is');
  });

  it('leaves no marker and an empty WAL behind after migrating a new file', async () => {
    const path = join(dir, 'new.duckdb');
    const store = await openStore(path);
    try {
      assert.equal(existsSync(migrationMarkerPath(path)), false);
      assert.equal(existsSync(`${path}.wal`), false, 'the migrations were checkpointed before anything else');
    } finally {
      await store.close();
    }
  });

  it('names the process holding the lock as DATABASE_BUSY', () => {
    const err = openError('/d/x.duckdb', new Error('IO Error: Could not set lock on file "/d/x.duckdb": Conflicting lock is held in /usr/bin/node (PID 4242). See also https://duckdb.org/docs/stable/connect/concurrency'));
    assert.equal(err.code, ErrorCode.DATABASE_BUSY);
    assert.match(err.message, /in use by another process \(\/usr\/bin\/node, PID 4242\)/);
    assert.equal(err.details['holderPid'], 4242);
  });

  it('counts the bytes past the last accounted block, and none when the file ends there', () => {
    const layout = { blockSize: 262_144, totalBlocks: 2 };
    assert.equal(unusedTailBytes(12_288 + 2 * 262_144, layout), 0);
    assert.equal(unusedTailBytes(12_288 + 10 * 262_144, layout), 8 * 262_144);
    assert.equal(unusedTailBytes(100, layout), 0);
    assert.equal(unusedTailBytes(10 ** 9, { blockSize: Number.NaN, totalBlocks: 2 }), 0);
  });
});

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { Database } from '../../../src/store/database.js';
import { migrate } from '../../../src/store/migrate.js';
import { migrations } from '../../../src/store/migrations/index.js';
import type { Migration } from '../../../src/store/migrations/migration.js';
import { openStore } from '../../../src/store/store.js';
import { assertRejectsCode } from '../../support/errors.js';

async function appliedVersions(db: Database): Promise<{ version: number; name: string }[]> {
  return (await db.query('SELECT version, name FROM schema_migrations ORDER BY version')).map((r) => ({ version: Number(r['version']), name: String(r['name']) }));
}

describe('migrate', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenscope-migrate-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('lists migrations with strictly increasing versions', () => {
    assert.ok(migrations.length >= 1);
    migrations.forEach((m, i) => i && assert.ok(m.version > migrations[i - 1]!.version, `version ${m.version} after ${migrations[i - 1]!.version}`));
  });

  it('applies each migration once when the same database file is opened twice', async () => {
    const path = join(dir, 'twice.duckdb');
    const first = await openStore(path);
    await first.close();
    const second = await openStore(path);
    try {
      assert.deepEqual(await appliedVersions(second.db), migrations.map(({ version, name }) => ({ version, name })));
      assert.deepEqual(await migrate(second.db), [], 'nothing left to apply');
      assert.deepEqual((await appliedVersions(second.db)).length, migrations.length);
    } finally {
      await second.close();
    }
  });

  it('applies only the migrations newer than the database', async () => {
    const db = await Database.open(':memory:');
    try {
      const extra: Migration = { version: migrations.at(-1)!.version + 1, name: 'test: add a table', statements: ['CREATE TABLE extra_for_test (x INTEGER)'] };
      assert.deepEqual(await migrate(db), migrations.map((m) => m.version));
      assert.deepEqual(await migrate(db, [...migrations, extra]), [extra.version]);
      assert.deepEqual(await migrate(db, [...migrations, extra]), []);
      assert.equal((await appliedVersions(db)).at(-1)?.name, extra.name);
    } finally {
      await db.close();
    }
  });

  it('rolls back a migration that fails, recording nothing of it', async () => {
    const db = await Database.open(':memory:');
    try {
      await migrate(db);
      const broken: Migration = { version: migrations.at(-1)!.version + 1, name: 'broken', statements: ['CREATE TABLE half_done (x INTEGER)', 'THIS IS NOT SQL'] };
      await assert.rejects(migrate(db, [...migrations, broken]));
      assert.equal((await appliedVersions(db)).length, migrations.length);
      assert.deepEqual(await db.query("SELECT table_name FROM information_schema.tables WHERE table_name = 'half_done'"), []);
    } finally {
      await db.close();
    }
  });

  it('refuses a database whose schema is newer than this tokenscope', async () => {
    const db = await Database.open(':memory:');
    try {
      await migrate(db);
      await db.transaction((tx) => tx.query("INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')"));
      await assertRejectsCode(migrate(db), ErrorCode.INTERNAL, /schema version 999 is newer than this tokenscope/);
    } finally {
      await db.close();
    }
  });
});

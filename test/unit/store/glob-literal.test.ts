import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Database } from '../../../src/store/database.js';
import { parquetFileColumns, parquetRowGroupSizes } from '../../../src/store/parquet-codes.js';
import { escapeGlob, globLiteral, stringLiteral } from '../../../src/store/sql-helpers.js';

/** DuckDB reads every read_parquet path as a glob: these files would be mixed up without the escape. */
describe('globLiteral and escapeGlob', () => {
  let dir: string;
  let db: Database;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenscope-glob-'));
    db = await Database.open(':memory:');
    await mkdir(join(dir, 'odd[1]*?'), { recursive: true });
    await mkdir(join(dir, 'odd1xy'), { recursive: true });
    const write = (sql: string, path: string) => db.transaction((tx) => tx.query(`COPY (${sql}) TO ${stringLiteral(path)} (FORMAT parquet)`));
    await write('SELECT 1 AS x', join(dir, 'a*.parquet'));
    await write('SELECT 2 AS x, 2 AS y', join(dir, 'ab.parquet'));
    await write('SELECT 3 AS x', join(dir, 'odd[1]*?', 'part.parquet'));
    await write('SELECT 4 AS x', join(dir, 'odd1xy', 'part.parquet'));
  });
  after(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('puts each glob character in a one-character class and leaves the rest alone', () => {
    assert.equal(escapeGlob('/d/a*b?c[d]e'), '/d/a[*]b[?]c[[]d]e');
    assert.equal(escapeGlob('/plain/path.parquet'), '/plain/path.parquet');
    assert.equal(globLiteral("/it's[*].parquet"), "'/it''s[[][*]].parquet'");
  });

  it('reads only the named file, not the files its name matches as a glob', async () => {
    const path = join(dir, 'a*.parquet');
    const unescaped = await db.query(`SELECT x FROM read_parquet(${stringLiteral(path)}) ORDER BY x`);
    assert.deepEqual(unescaped.map((r) => Number(r['x'])), [1, 2], 'without the escape DuckDB reads ab.parquet too (if this fails, DuckDB changed and the escape may be moot)');
    const escaped = await db.query(`SELECT x FROM read_parquet(${globLiteral(path)})`);
    assert.deepEqual(escaped.map((r) => Number(r['x'])), [1]);
    assert.deepEqual((await parquetFileColumns(db, path)).map((c) => c.name), ['x']);
    assert.deepEqual(await parquetRowGroupSizes(db, path), [1]);
  });

  it('keeps a folder with glob characters a literal prefix of a recursive pattern', async () => {
    const rows = await db.query(`SELECT x FROM read_parquet(${stringLiteral(`${escapeGlob(join(dir, 'odd[1]*?'))}/**/*.parquet`)})`);
    assert.deepEqual(rows.map((r) => Number(r['x'])), [3]);
  });
});

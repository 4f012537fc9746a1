import assert from 'node:assert/strict';
import { cp, readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { ColdTokensDocument, DetectDocument, ExportDatasetDocument, ImportDatasetDocument, LayerStatsDocument } from '../../src/client/generated/graphql.js';
import { codeMatrix } from '../../src/domain/code-matrix.js';
import { ErrorCode } from '../../src/errors.js';
import { storeMatrices } from '../../src/store/matrix-writer.js';
import type { Store } from '../../src/store/store.js';
import { DATASET_MODEL, storeDatasetFixture } from '../support/dataset-fixture.js';
import { dataOf, execute, onlyError } from '../support/graphql.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

const CORPORA = ['lab', 'ref'];

/** Every stored table of `corpora`, audios named by content sha256 instead of their ids. */
async function dump(store: Store): Promise<Record<string, unknown>> {
  const q = (sql: string) => store.db.query(sql, [CORPORA]);
  const sha = new Map((await q(`SELECT a.id, a.content_sha256 FROM audios a JOIN corpora c ON c.id = a.corpus_id WHERE list_contains(?, c.name)`)).map((r) => [Number(r['id']), String(r['content_sha256'])]));
  const ofAudio = (table: string, columns: string, order: string) =>
    q(`SELECT c.name AS corpus, a.content_sha256, ${columns} FROM ${table} x JOIN audios a ON a.id = x.audio_id JOIN corpora c ON c.id = a.corpus_id WHERE list_contains(?, c.name) ORDER BY corpus, a.content_sha256, ${order}`);
  const runs = await q(`SELECT c.name AS corpus, r.created_at::VARCHAR AS created_at, r.name, r.spec, r.report FROM evaluation_runs r JOIN corpora c ON c.id = r.corpus_id WHERE list_contains(?, c.name) ORDER BY r.created_at`);
  return {
    corpora: await q(`SELECT name, description, created_at::VARCHAR AS created_at FROM corpora WHERE list_contains(?, name) ORDER BY name`),
    audios: await q(`SELECT c.name AS corpus, a.* EXCLUDE (id, corpus_id, ingested_at), a.ingested_at::VARCHAR AS ingested_at, f.size_bytes, f.mtime_ms
                     FROM audios a JOIN corpora c ON c.id = a.corpus_id LEFT JOIN audio_files f ON f.audio_id = a.id WHERE list_contains(?, c.name) ORDER BY corpus, a.content_sha256`),
    frames: await ofAudio('frames', 'x.* EXCLUDE (audio_id)', 'x.frame'),
    labels: await ofAudio('labels', 'x.* EXCLUDE (audio_id)', 'x.start_seconds'),
    audioLayerStats: await ofAudio('audio_layer_stats', 'x.* EXCLUDE (audio_id)', 'x.layer'),
    audioTokenCounts: await ofAudio('audio_token_counts', 'x.* EXCLUDE (audio_id)', 'x.layer, x.token'),
    corpusTokenCounts: await q(`SELECT c.name, x.* EXCLUDE (corpus_id) FROM corpus_token_counts x JOIN corpora c ON c.id = x.corpus_id WHERE list_contains(?, c.name) ORDER BY c.name, x.model, x.layer, x.token`),
    runs: runs.map((r) => {
      const report = JSON.parse(String(r['report'])) as { files: { audioId: number | string }[]; rows: { perFile: { files: string[] } }[] };
      for (const f of report.files) f.audioId = sha.get(Number(f.audioId))!;
      for (const row of report.rows) row.perFile.files = row.perFile.files.map((id) => sha.get(Number(id))!);
      return { ...r, report };
    }),
  };
}

/** API answers that must not change: layer statistics, cold tokens, every lab audio's detections (audios named by sha256). */
async function answers(t: TestApp): Promise<unknown> {
  const store = t.app.store;
  const shaOf = async (id: string) => (await store.audios.require(Number(id))).contentSha256;
  const stats = dataOf(await execute(t.app, LayerStatsDocument, { corpora: CORPORA, top: 10 })).layerStats;
  const lab = dataOf(await execute(t.app, LayerStatsDocument, { corpora: ['lab'] })).layerStats;
  const cold = dataOf(await execute(t.app, ColdTokensDocument, { reference: 'ref', target: 'lab', limit: 50, occurrences: 5 })).coldTokens;
  const coldBySha = await Promise.all(cold.map(async (c) => ({ ...c, occurrences: await Promise.all(c.occurrences.map(async (o) => ({ ...o, audio: await shaOf(o.audio.id) }))) })));
  const [labCorpus] = await store.corpora.findByNames(['lab']);
  const detections: Record<string, unknown> = {};
  for (const a of await store.audios.listByCorpus(labCorpus!.id, 100)) {
    const d = dataOf(await execute(t.app, DetectDocument, { audioId: String(a.id), detector: { name: 'coldTokens', params: { reference: 'ref' } } })).detect;
    detections[a.contentSha256] = { ...d, audioId: null };
  }
  return { stats, lab, cold: coldBySha, detections };
}

describe('Parquet datasets: export and import', () => {
  let source: TestApp;
  let target: TestApp;
  let ds: string;
  let original: Record<string, unknown>;
  let originalAnswers: unknown;

  before(async () => {
    source = await createTestApp();
    await storeDatasetFixture(source.app.store);
    ds = join(source.root, 'ds');
    original = await dump(source.app.store);
    originalAnswers = await answers(source);
    // The target already holds another corpus, so imported audios get other ids than they had.
    target = await createTestApp({}, [source.root]);
    const other = await target.app.store.corpora.create('other');
    await target.app.store.db.transaction((tx) =>
      storeMatrices(tx, [0, 1, 2].map((i) => ({ corpusId: other.id, model: DATASET_MODEL, contentSha256: `other-${i}`, sourcePath: `/x/${i}`, sourceLine: null, text: null, metadata: {}, matrix: codeMatrix(new Uint16Array(16 * 10).fill(i)) }))),
    );
  });
  after(async () => {
    await target?.close();
    await source?.close();
  });

  it('writes a Hive-partitioned dataset with a manifest that counts every table', async () => {
    const written = dataOf(await execute(source.app, ExportDatasetDocument, { out: ds, corpora: ['lab', 'ref'] })).exportDataset;
    assert.equal(written.path, ds);
    assert.deepEqual(written.corpora, ['lab', 'ref']);
    const rows = Object.fromEntries(written.tables.map((t) => [t.name, t.rows]));
    assert.equal(rows['audios'], 8);
    assert.equal(rows['frames'], (original['frames'] as unknown[]).length);
    assert.equal(rows['labels'], 5);
    assert.equal(rows['evaluation_runs'], 1);
    assert.equal(rows['audio_layer_stats'], 8 * 16);
    const manifest = JSON.parse(await readFile(join(ds, 'dataset.json'), 'utf8')) as { format: string; tables: { name: string; rows: number; columns: { meaning: string }[] }[] };
    assert.equal(manifest.format, 'tokenscope-dataset');
    assert.deepEqual(Object.fromEntries(manifest.tables.map((t) => [t.name, t.rows])), rows);
    assert.ok(manifest.tables.every((t) => t.columns.every((c) => c.meaning.length > 0)), 'every column says what it means');
    assert.deepEqual(await readdir(join(ds, 'frames')), ['corpus=lab', 'corpus=ref']);
    assert.deepEqual(await readdir(join(ds, 'frames', 'corpus=lab')), [`model=${encodeURIComponent(DATASET_MODEL)}`]);
    assert.deepEqual((await readdir(source.root)).filter((n) => n.includes('partial')), [], 'no partial folder is left behind');
  });

  it('refuses to write into a folder that exists', async () => {
    const e = onlyError(await execute(source.app, ExportDatasetDocument, { out: ds, all: true }), ErrorCode.ALREADY_EXISTS, /already exists/);
    assert.ok(e);
  });

  it('writes only inside the data roots, and reads only from them', async () => {
    onlyError(await execute(target.app, ExportDatasetDocument, { out: '/proc/tokenscope-dataset', all: true }), ErrorCode.PATH_OUTSIDE_ROOTS, /outside the data roots/);
    onlyError(await execute(target.app, ImportDatasetDocument, { path: '/proc' }), ErrorCode.PATH_OUTSIDE_ROOTS, /outside the data roots/);
  });

  it('imports into another store exactly: every table, the run, the statistics, cold tokens and detections', async () => {
    const imported = dataOf(await execute(target.app, ImportDatasetDocument, { path: ds })).importDataset;
    assert.deepEqual(imported, { corpora: ['lab', 'ref'], audios: 8, alreadyPresent: 0, frames: (original['frames'] as unknown[]).length, labels: 5, evaluationRuns: 1 });
    const [labInTarget] = await target.app.store.corpora.findByNames(['lab']);
    const ids = (await target.app.store.audios.listByCorpus(labInTarget!.id, 100)).map((a) => a.id);
    assert.ok(Math.min(...ids) > 3, 'the imported audios have new ids');
    assert.deepEqual(await dump(target.app.store), original);
    assert.deepEqual(await answers(target), originalAnswers);
    assert.deepEqual(await target.app.store.checkIntegrity(), []);
  });

  it('imports the same dataset again as a no-op (identity = corpus, model, content sha256)', async () => {
    const again = dataOf(await execute(target.app, ImportDatasetDocument, { path: ds })).importDataset;
    assert.deepEqual(again, { corpora: ['lab', 'ref'], audios: 0, alreadyPresent: 8, frames: 0, labels: 0, evaluationRuns: 0 });
    assert.deepEqual(await dump(target.app.store), original);
  });

  it('imports a one-corpus dataset under a new name, and refuses a new name for a dataset of two corpora', async () => {
    onlyError(await execute(target.app, ImportDatasetDocument, { path: ds, corpus: 'lab2' }), ErrorCode.INVALID_ARGUMENT, /corpus renames the one corpus/, /holds 2/);
    const one = join(source.root, 'lab-only');
    dataOf(await execute(source.app, ExportDatasetDocument, { out: one, corpora: ['lab'] }));
    const renamed = dataOf(await execute(target.app, ImportDatasetDocument, { path: one, corpus: 'lab2' })).importDataset;
    assert.deepEqual(renamed, { corpora: ['lab2'], audios: 5, alreadyPresent: 0, frames: renamed.frames, labels: 5, evaluationRuns: 1 });
    const [run] = await target.app.store.evaluationRuns.list((await target.app.store.corpora.findByNames(['lab2']))[0]!.id);
    assert.equal(run!.spec['corpus'], 'lab2');
  });
});

/** Rewrites every Parquet file of `folder` through `select` (a query over `src`), in place. */
async function rewrite(folder: string, select: string): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    for (const entry of await readdir(folder, { recursive: true })) {
      if (!String(entry).endsWith('.parquet')) continue;
      const file = join(folder, String(entry));
      await conn.run(`CREATE OR REPLACE TABLE src AS SELECT * FROM read_parquet('${file}')`);
      await conn.run(`COPY (${select}) TO '${file}' (FORMAT parquet)`);
    }
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

describe('importing a damaged dataset', () => {
  let source: TestApp;
  let target: TestApp;
  let ds: string;
  let before_: Record<string, unknown>;

  before(async () => {
    source = await createTestApp();
    await storeDatasetFixture(source.app.store);
    ds = join(source.root, 'ds');
    dataOf(await execute(source.app, ExportDatasetDocument, { out: ds, all: true }));
    target = await createTestApp({}, [source.root]);
    // The target holds corpora of its own (the same fixture, stored there): nothing of them may be lost.
    await storeDatasetFixture(target.app.store);
    before_ = await dump(target.app.store);
  });
  after(async () => {
    await target?.close();
    await source?.close();
  });

  async function damaged(name: string, damage: (dir: string) => Promise<void>): Promise<string> {
    const dir = join(source.root, name);
    await cp(ds, dir, { recursive: true });
    await damage(dir);
    return dir;
  }

  async function refused(dir: string, message: RegExp[]): Promise<void> {
    onlyError(await execute(target.app, ImportDatasetDocument, { path: dir }), ErrorCode.INVALID_DATASET, ...message);
    assert.deepEqual(await dump(target.app.store), before_, 'nothing stored changed');
  }

  it('names a missing table', async () => {
    const dir = await damaged('no-frames', (d) => rm(join(d, 'frames'), { recursive: true }));
    await refused(dir, [/frames: table frames is missing/, /no such folder/]);
  });

  it('names the file and column of a wrong column type', async () => {
    const dir = await damaged('bad-type', (d) => rewrite(join(d, 'audios'), `SELECT * REPLACE (frame_count::VARCHAR AS frame_count) FROM src`));
    await refused(dir, [/audios\/corpus=lab\/model=external%3Adataset-fixture\/part-0\.parquet/, /column frame_count of table audios is VARCHAR; expected UINTEGER/]);
  });

  it('names the file, row group, row and value of a token out of range', async () => {
    const dir = await damaged('bad-token', (d) => rewrite(join(d, 'frames', 'corpus=lab'), `SELECT * REPLACE (CASE WHEN frame = 7 AND audio_key = (SELECT min(audio_key) FROM src) THEN 4000 ELSE l5 END :: USMALLINT AS l5) FROM src`));
    await refused(dir, [/frames\/corpus=lab\/.*part-0\.parquet, row group 0, row \d+ \(audio_key \d+, frame 7\): column l5 holds token 4000/, /tokens are 0\.\.2047/]);
  });

  it('names a ragged audio: a frame missing', async () => {
    const dir = await damaged('ragged', (d) => rewrite(join(d, 'frames', 'corpus=ref'), `SELECT * FROM src WHERE NOT (frame = 3 AND audio_key = (SELECT min(audio_key) FROM src))`));
    await refused(dir, [/frames\/corpus=ref\/.*part-0\.parquet, row group 0, row \d+: audio_key \d+ has \d+ frame rows/, /says frame_count \d+, so frames 0\.\.\d+ once each/]);
  });
});

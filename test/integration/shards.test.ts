import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { ColdTokensDocument, ImportDatasetDocument, LayerStatsDocument, MergeShardsDocument } from '../../src/client/generated/graphql.js';
import { codeMatrix } from '../../src/domain/code-matrix.js';
import { LAYER_COUNT } from '../../src/domain/contract.js';
import { ErrorCode } from '../../src/errors.js';
import { mergeCommand } from '../../src/cli/commands/merge.js';
import { ingestCodeFiles } from '../../src/ingest/ingest-codes.js';
import { listCodeFileEntries } from '../../src/ingest/list-code-files.js';
import { takeShard } from '../../src/ingest/shard-split.js';
import { mergeShards } from '../../src/shards/merge-shards.js';
import { Database } from '../../src/store/database.js';
import { storeMatrices } from '../../src/store/matrix-writer.js';
import { MERGED_TABLES, UNMERGED_TABLES, storeTables } from '../../src/store/merge-shard.js';
import { migrate } from '../../src/store/migrate.js';
import { migrations } from '../../src/store/migrations/index.js';
import { openStore } from '../../src/store/store.js';
import type { Store } from '../../src/store/store.js';
import { killStrays, runCli, startServe } from '../support/cli-process.js';
import { jsonlLine, randomRows, seededRandom } from '../support/code-files.js';
import { dataOf, execute, onlyError } from '../support/graphql.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

const SHARDS = 3;

/** What must not change between one ingest and shards + merge, audios named by identity instead of id. */
async function dump(store: Store): Promise<Record<string, unknown>> {
  const q = (sql: string) => store.db.query(sql);
  return {
    corpora: await q('SELECT name, description FROM corpora ORDER BY name'),
    audios: await q(`SELECT c.name AS corpus, a.* EXCLUDE (id, corpus_id, ingested_at) FROM audios a JOIN corpora c ON c.id = a.corpus_id ORDER BY corpus, a.model, a.content_sha256`),
    labels: await q(`SELECT c.name AS corpus, a.content_sha256, l.start_seconds, l.end_seconds, l.label FROM labels l JOIN audios a ON a.id = l.audio_id JOIN corpora c ON c.id = a.corpus_id ORDER BY ALL`),
    audioLayerStats: await q(`SELECT c.name AS corpus, a.content_sha256, x.* EXCLUDE (audio_id) FROM audio_layer_stats x JOIN audios a ON a.id = x.audio_id JOIN corpora c ON c.id = a.corpus_id ORDER BY ALL`),
    corpusTokenCounts: await q(`SELECT c.name AS corpus, x.* EXCLUDE (corpus_id) FROM corpus_token_counts x JOIN corpora c ON c.id = x.corpus_id ORDER BY ALL`),
  };
}

/** The API's answers: layer statistics of both corpora (top tokens included) and cold tokens of lab against ref, occurrences named by content sha256. */
async function answers(t: TestApp): Promise<unknown> {
  const stats = dataOf(await execute(t.app, LayerStatsDocument, { corpora: ['lab', 'ref'], top: 10 })).layerStats;
  const lab = dataOf(await execute(t.app, LayerStatsDocument, { corpora: ['lab'] })).layerStats;
  // Occurrences come in audio id order, and ids differ between stores: compared as sets, all of them (at most 3 per cold token here).
  const cold = dataOf(await execute(t.app, ColdTokensDocument, { reference: 'ref', target: 'lab', limit: 100, occurrences: 50 })).coldTokens;
  const sha = async (id: string) => (await t.app.store.audios.require(Number(id))).contentSha256;
  const named = await Promise.all(cold.map(async (c) => ({ ...c, occurrences: (await Promise.all(c.occurrences.map(async (o) => `${await sha(o.audio.id)}@${o.frame}/${o.seconds}`))).sort() })));
  assert.ok(named.length >= 20 && named.every((c) => c.occurrences.length === c.targetCount), 'every occurrence of every cold token is compared');
  return { stats, lab, cold: named };
}

/** Labels every audio of 20 frames or more with a span named after its text: the same rule in every store, so labels compare. */
async function labelAudios(store: Store): Promise<void> {
  const labels = new Map<number, { start: number; end: number; label: string }[]>();
  for (const corpus of await store.corpora.list()) {
    for (const a of await store.audios.listByCorpus(corpus.id, 1000)) if (a.frameCount >= 20) labels.set(a.id, [{ start: 0.4, end: 1.2, label: `l${a.frameCount % 3}` }]);
  }
  await store.audios.replaceLabels(labels);
}

/** Ingests shard `index` of SHARDS of `folders` (one per corpus) into a new store at `path`, as `ingest-codes --shard` does; returns the files taken. */
async function ingestShard(path: string, folders: Record<string, string>, index: number | null): Promise<number> {
  const store = await openStore(path);
  let taken = 0;
  try {
    for (const [corpus, folder] of Object.entries(folders)) {
      const files = takeShard(await listCodeFileEntries([folder]), index === null ? null : { index, count: SHARDS }).map((f) => f.path);
      taken += files.length;
      const results = await ingestCodeFiles(store, files, { corpus });
      assert.deepEqual(results.flatMap((r) => r.errors), []);
    }
    await labelAudios(store);
  } finally {
    await store.close();
  }
  return taken;
}

describe('shards: sharded ingest and merge', () => {
  let whole: TestApp;
  let target: TestApp;
  let dir: string;
  let folders: Record<string, string>;
  let shards: string[];
  let expected: Record<string, unknown>;
  let expectedAnswers: unknown;

  before(async () => {
    whole = await createTestApp();
    target = await createTestApp();
    dir = join(target.root, 'work');
    folders = { lab: join(dir, 'codes', 'lab'), ref: join(dir, 'codes', 'ref') };
    const random = seededRandom(21);
    // 20 code files: 14 of lab (full codebook; some hold 2 matrices, as JSONL may), 6 of ref (tokens 0..767), in subfolders.
    for (let f = 0; f < 20; f++) {
      const lab = f < 14;
      const folder = join(lab ? folders['lab']! : folders['ref']!, f % 3 ? 'a' : 'b');
      await mkdir(folder, { recursive: true });
      const matrices = lab && f % 4 === 0 ? 2 : 1;
      const lines = Array.from({ length: matrices }, (_, i) => jsonlLine(randomRows(random, 12 + f * 2 + i, 0, lab ? 2048 : 768), { text: `file ${f} item ${i}` }));
      await writeFile(join(folder, `take-${String(f).padStart(2, '0')}.jsonl`), lines.map((l) => `${l}\n`).join(''));
    }
    for (const [corpus, folder] of Object.entries(folders)) assert.deepEqual((await ingestCodeFiles(whole.app.store, [folder], { corpus })).flatMap((r) => r.errors), []);
    await labelAudios(whole.app.store);
    expected = await dump(whole.app.store);
    expectedAnswers = await answers(whole);
    shards = [];
    let taken = 0;
    for (let i = 1; i <= SHARDS; i++) {
      const path = join(dir, `shard-${i}.duckdb`);
      taken += await ingestShard(path, folders, i);
      shards.push(path);
    }
    assert.equal(taken, 20, 'every file went to one shard');
  });
  after(async () => {
    killStrays();
    await target?.close();
    await whole?.close();
  });

  it('gives each shard some of the files and every audio to exactly one shard', async () => {
    const counts: number[] = [];
    for (const path of shards) {
      const store = await openStore(path);
      counts.push((await store.db.query('SELECT count(*) AS n FROM audios'))[0]!['n'] as number);
      await store.close();
    }
    assert.ok(counts.every((n) => Number(n) > 0), `every shard holds audios: ${counts.join(', ')}`);
    assert.equal(counts.reduce((a, b) => a + Number(b), 0), (expected['audios'] as unknown[]).length);
  });

  it('merges 3 shards into statistics, cold tokens, token counts, identities and labels equal to one ingest of the same files', async () => {
    const r = dataOf(await execute(target.app, MergeShardsDocument, { shards })).mergeShards;
    assert.equal(r.dataset, null);
    assert.deepEqual(r.shards.map((s) => s.path), shards);
    assert.equal(r.shards.reduce((n, s) => n + s.audios, 0), (expected['audios'] as unknown[]).length);
    assert.equal(r.shards.reduce((n, s) => n + s.labels, 0), (expected['labels'] as unknown[]).length);
    assert.ok(r.shards.every((s) => s.alreadyPresent === 0 && s.seconds > 0));
    assert.deepEqual(await dump(target.app.store), expected);
    assert.deepEqual(await answers(target), expectedAnswers);
    assert.deepEqual(await target.app.store.checkIntegrity(), []);
  });

  it('merges into a new dataset (out), which imports to the same statistics and leaves the store as it was', async () => {
    const out = join(dir, 'merged-ds');
    const t = await createTestApp({}, [dir]);
    try {
      const r = dataOf(await execute(t.app, MergeShardsDocument, { shards, out })).mergeShards;
      assert.deepEqual({ path: r.dataset?.path, corpora: r.dataset?.corpora }, { path: out, corpora: ['lab', 'ref'] });
      assert.equal(r.dataset?.tables.find((x) => x.name === 'audios')?.rows, (expected['audios'] as unknown[]).length);
      assert.equal(Number((await t.app.store.db.query('SELECT count(*) AS n FROM audios'))[0]!['n']), 0, 'the store is not merged into');
      assert.deepEqual((await readdir(dir)).filter((n) => n.includes('merging')), [], 'the scratch store is removed');
      dataOf(await execute(t.app, ImportDatasetDocument, { path: out }));
      assert.deepEqual(await dump(t.app.store), expected);
      onlyError(await execute(t.app, MergeShardsDocument, { shards, out }), ErrorCode.ALREADY_EXISTS, /merged-ds already exists/);
    } finally {
      await t.close();
    }
  });

  it('merges the same shards again as a no-op: no audio, label or count twice', async () => {
    const r = dataOf(await execute(target.app, MergeShardsDocument, { shards })).mergeShards;
    assert.deepEqual(r.shards.map((s) => [s.audios, s.frames, s.labels]), shards.map(() => [0, 0, 0]));
    assert.equal(r.shards.reduce((n, s) => n + s.alreadyPresent, 0), (expected['audios'] as unknown[]).length);
    assert.deepEqual(await dump(target.app.store), expected);
    assert.deepEqual(await target.app.store.checkIntegrity(), []);
  });

  it('stores an audio two shards both hold once when its codes agree, and counts its tokens once', async () => {
    const overlap = join(dir, 'overlap.duckdb');
    const store = await openStore(overlap);
    const [first] = await listCodeFileEntries([folders['lab']!]);
    await ingestCodeFiles(store, [first!.path], { corpus: 'lab' });
    await labelAudios(store);
    await store.close();
    const t = await createTestApp();
    try {
      const r = await mergeShards([...shards, overlap], t.app.store);
      assert.equal(r.shards[3]!.audios, 0);
      assert.ok(r.shards[3]!.alreadyPresent >= 1);
      assert.deepEqual(await dump(t.app.store), expected);
      assert.deepEqual(await t.app.store.checkIntegrity(), []);
    } finally {
      await t.close();
    }
  });

  it('carries evaluation runs, their audio references moved to the merged ids', async () => {
    const withRun = join(dir, 'with-run.duckdb');
    const store = await openStore(withRun);
    const [entry] = await listCodeFileEntries([folders['ref']!]);
    await ingestCodeFiles(store, [entry!.path], { corpus: 'ref' });
    const [ref] = await store.corpora.findByNames(['ref']);
    const [audio] = await store.audios.listByCorpus(ref!.id, 10);
    await store.evaluationRuns.create(ref!.id, 'shard run', { corpus: 'ref' }, { files: [{ audioId: audio!.id }], rows: [{ perFile: { files: [String(audio!.id)] } }] });
    await store.close();
    const t = await createTestApp();
    try {
      await mergeShards(shards, t.app.store); // the target already holds audios, so the run's audio gets another id
      const r = await mergeShards([withRun], t.app.store);
      assert.equal(r.shards[0]!.evaluationRuns, 1);
      const [refInTarget] = await t.app.store.corpora.findByNames(['ref']);
      const [run] = await t.app.store.evaluationRuns.list(refInTarget!.id);
      const report = run!.report as { files: { audioId: number }[]; rows: { perFile: { files: string[] } }[] };
      const moved = await t.app.store.audios.require(report.files[0]!.audioId);
      assert.equal(moved.contentSha256, audio!.contentSha256);
      assert.notEqual(report.files[0]!.audioId, audio!.id, 'the run names the merged id');
      assert.deepEqual(report.rows[0]!.perFile.files, [String(moved.id)]);
      assert.equal((await mergeShards([withRun], t.app.store)).shards[0]!.evaluationRuns, 0, 'a run is carried once');
    } finally {
      await t.close();
    }
  });

  describe('misuse', () => {
    it('refuses an audio two shards hold with other codes (SHARD_CONFLICT naming both shards and the audio); nothing of that shard is stored', async () => {
      const source = await openStore(shards[0]!);
      const [victim] = await source.db.query(`SELECT a.content_sha256, a.model, a.frame_count, a.source_path FROM audios a JOIN corpora c ON c.id = a.corpus_id WHERE c.name = 'lab' ORDER BY a.id LIMIT 1`);
      const matrix = await source.audios.matrix(Number((await source.db.query('SELECT id FROM audios WHERE content_sha256 = ?', [String(victim!['content_sha256'])]))[0]!['id']));
      await source.close();
      const tokens = new Uint16Array(matrix.tokens);
      tokens[3 * LAYER_COUNT + 4] = (tokens[3 * LAYER_COUNT + 4]! + 1) % 2048; // frame 3, layer 5
      const bad = join(dir, 'conflict.duckdb');
      const other = await openStore(bad);
      const lab = await other.corpora.create('lab');
      const ref = await other.corpora.create('ref');
      await other.db.transaction((tx) =>
        storeMatrices(tx, [
          { corpusId: ref.id, model: String(victim!['model']), contentSha256: createHash('sha256').update('fresh').digest('hex'), sourcePath: '/elsewhere/fresh.npy', sourceLine: null, text: null, metadata: {}, matrix: codeMatrix(new Uint16Array(16 * 9).fill(7)) },
          { corpusId: lab.id, model: String(victim!['model']), contentSha256: String(victim!['content_sha256']), sourcePath: '/elsewhere/re-encoded.npy', sourceLine: null, text: null, metadata: {}, matrix: codeMatrix(tokens) },
        ]),
      );
      await other.close();
      const t = await createTestApp({}, [dir]);
      try {
        const e = onlyError(await execute(t.app, MergeShardsDocument, { shards: [shards[0]!, bad] }), ErrorCode.SHARD_CONFLICT, /shard .*conflict\.duckdb and shard .*shard-1\.duckdb hold the same audio/, new RegExp(`content sha256 ${String(victim!['content_sha256'])}`), /frame 3 \(0-based\), layer 5/, /nothing of .*conflict\.duckdb was stored/);
        assert.ok(e);
        const held = await t.app.store.db.query('SELECT source_path FROM audios ORDER BY source_path');
        assert.equal(held.length, (await dumpCount(shards[0]!)), 'shard 1 is wholly in');
        assert.ok(held.every((r) => !String(r['source_path']).startsWith('/elsewhere/')), 'nothing of the conflicting shard, not even its other audio');
        assert.deepEqual(await t.app.store.checkIntegrity(), []);
        // Against the target alone (shard 1 merged by an earlier call), the message names the target store.
        onlyError(await execute(t.app, MergeShardsDocument, { shards: [bad] }), ErrorCode.SHARD_CONFLICT, /and the target store :memory: \(audio \d+, stored there before this merge\)/);
      } finally {
        await t.close();
      }
    });

    it('refuses a shard at another schema version, naming both versions and how to migrate', async () => {
      const old = join(dir, 'old.duckdb');
      const db = await Database.open(old);
      await migrate(db, migrations.slice(0, 3));
      await db.close();
      const latest = migrations.at(-1)!.version;
      onlyError(await execute(target.app, MergeShardsDocument, { shards: [old] }), ErrorCode.INVALID_ARGUMENT, new RegExp(`old\\.duckdb is at schema version 3, the target :memory: at ${latest}`), /open the shard once with this tokenscope/);
    });

    it('refuses a DuckDB file that is not a tokenscope store, a missing file, a repeated shard and an empty list', async () => {
      const foreign = join(dir, 'foreign.duckdb');
      const instance = await DuckDBInstance.create(foreign);
      const c = await instance.connect();
      await c.run('CREATE TABLE t (x INTEGER)');
      c.closeSync();
      instance.closeSync();
      onlyError(await execute(target.app, MergeShardsDocument, { shards: [foreign] }), ErrorCode.INVALID_ARGUMENT, /foreign\.duckdb is not a tokenscope store \(it has no schema_migrations table\)/);
      onlyError(await execute(target.app, MergeShardsDocument, { shards: [join(dir, 'nope.duckdb')] }), ErrorCode.UNREADABLE_FILE, /nope\.duckdb: no such file/);
      onlyError(await execute(target.app, MergeShardsDocument, { shards: [shards[0]!, shards[0]!] }), ErrorCode.INVALID_ARGUMENT, /shard-1\.duckdb is named twice/);
      onlyError(await execute(target.app, MergeShardsDocument, { shards: [] }), ErrorCode.INVALID_ARGUMENT, /shards \(count\) must be an integer ≥ 1; received 0/);
      assert.deepEqual(await dump(target.app.store), expected, 'nothing stored changed');
    });

    it('covers every table of the schema: a migration adding one must say how shards merge it', async () => {
      assert.deepEqual(await storeTables(target.app.store.db), [...MERGED_TABLES, ...UNMERGED_TABLES].sort());
    });
  });

  describe('the CLI', () => {
    it('leaves every shard wholly in or wholly out when killed inside the 2nd shard’s transaction; merging again finishes', async () => {
      const db = join(dir, 'killed.duckdb');
      const killed = await runCli(['merge', ...shards, '--into', db], { TOKENSCOPE_CRASH_AT: 'merge-before-commit', TOKENSCOPE_CRASH_AFTER: '2' });
      assert.equal(killed.signal, 'SIGKILL', killed.stderr);
      const first = await dumpCount(shards[0]!);
      const store = await openStore(db);
      try {
        assert.equal(Number((await store.db.query('SELECT count(*) AS n FROM audios'))[0]!['n']), first, 'shard 1 in, shard 2 out');
        assert.deepEqual(await store.checkIntegrity(), []);
      } finally {
        await store.close();
      }
      const again = await runCli(['merge', ...shards, '--into', db]);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, new RegExp(`${(expected['audios'] as unknown[]).length - first} audios stored, ${first} already present`));
      const final = await openStore(db);
      try {
        assert.deepEqual(await dump(final), expected);
        assert.deepEqual(await final.checkIntegrity(), []);
      } finally {
        await final.close();
      }
    });

    it('merges through the server that holds the target, whose answers change at once', async () => {
      const db = join(dir, 'served.duckdb');
      const server = await startServe(['--db', db, '--data-root', join(dir, 'codes')]);
      try {
        const before = await server.graphql('{ corpora { name } }');
        assert.deepEqual(before, { data: { corpora: [] } });
        const merged = await runCli(['merge', ...shards, '--into', db]);
        assert.equal(merged.code, 0, merged.stderr);
        assert.match(merged.stderr, /\(through the server at http:\/\/127\.0\.0\.1:\d+\/graphql, pid \d+, which holds .*served\.duckdb\)/);
        const after = (await server.graphql('{ corpora { name audioCount } }')) as { data: { corpora: { name: string; audioCount: number }[] } };
        const audios = expected['audios'] as { corpus: string }[];
        assert.deepEqual(after.data.corpora, ['lab', 'ref'].map((name) => ({ name, audioCount: audios.filter((a) => a.corpus === name).length })));
        // Other clients than the CLI merge only shards inside the server's data roots.
        const anonymous = await server.graphql('mutation($s: [String!]!) { mergeShards(shards: $s) { seconds } }', { s: shards });
        assert.equal(anonymous.errors?.[0]?.extensions?.['code'], ErrorCode.PATH_OUTSIDE_ROOTS, JSON.stringify(anonymous));
      } finally {
        server.child.kill('SIGTERM');
        await server.finished;
      }
    });

    it('refuses --into and --out together, and neither', async () => {
      await assert.rejects(mergeCommand([shards[0]!], { into: join(dir, 'x.duckdb'), out: join(dir, 'x') }), { code: ErrorCode.INVALID_ARGUMENT, message: /^merge takes --into STORE\.duckdb or --out DIR, one of them; received both \(--into .*x\.duckdb, --out .*x\)$/ });
      await assert.rejects(mergeCommand([shards[0]!], {}), { code: ErrorCode.INVALID_ARGUMENT, message: /received neither$/ });
    });
  });
});

/** Audios a store file holds. */
async function dumpCount(path: string): Promise<number> {
  const store = await openStore(path);
  try {
    return Number((await store.db.query('SELECT count(*) AS n FROM audios'))[0]!['n']);
  } finally {
    await store.close();
  }
}

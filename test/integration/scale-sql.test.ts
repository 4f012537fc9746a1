import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ColdTokensDocument, LayerStatsDocument } from '../../src/client/generated/graphql.js';
import { exportDataset } from '../../src/datasets/export-dataset.js';
import { codeMatrix } from '../../src/domain/code-matrix.js';
import { ALL_LAYERS, LAYER_COUNT } from '../../src/domain/contract.js';
import { mulberry32 } from '../../src/jsutils/mulberry32.js';
import { storeMatrices } from '../../src/store/matrix-writer.js';
import type { Store } from '../../src/store/store.js';
import { storeDatasetFixture } from '../support/dataset-fixture.js';
import { dataOf, execute } from '../support/graphql.js';
import { docSqlBlocks, runDocSql, scaleDocSql } from '../support/scale-doc-sql.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

/** A second codec's matrices in `lab` only: the model filter and coldTokens' "models the reference holds" rule both matter then. */
const OTHER_MODEL = 'external:other-codec';

async function storeOtherModel(store: Store): Promise<void> {
  const random = mulberry32(99);
  const [lab] = await store.corpora.requireByNames(['lab']);
  const audios = [40, 33].map((frames, i) => {
    const tokens = Uint16Array.from({ length: frames * LAYER_COUNT }, () => 1024 + Math.floor(random() * 1024));
    return {
      corpusId: lab!.id,
      model: OTHER_MODEL,
      contentSha256: createHash('sha256').update(Buffer.from(tokens.buffer)).digest('hex'),
      sourcePath: `/data/other/${i}.npy`,
      sourceLine: null,
      text: null,
      metadata: {},
      matrix: codeMatrix(tokens),
    };
  });
  await store.db.transaction((tx) => storeMatrices(tx, audios));
}

const num = (v: unknown) => Number(v);

describe('the DuckDB SQL of docs/scale.md over an exported dataset', () => {
  let t: TestApp;
  let ds: string;
  let db: DuckDBInstance;
  let sql: DuckDBConnection;
  const blocks = scaleDocSql();

  before(async () => {
    t = await createTestApp();
    await storeDatasetFixture(t.app.store);
    await storeOtherModel(t.app.store);
    ds = join(t.root, 'ds');
    await exportDataset(t.app.store, { kind: 'all' }, ds);
    db = await DuckDBInstance.create(':memory:');
    sql = await db.connect();
  });
  after(async () => {
    sql?.closeSync();
    db?.closeSync();
    await t.close();
  });

  it('finds the marked blocks: layerStats, layerStatsCounts and coldTokens', () => {
    assert.deepEqual([...blocks.keys()].sort(), ['coldTokens', 'layerStats', 'layerStatsCounts']);
  });

  it('refuses a page that marks two blocks with one name (the test would run only one)', () => {
    assert.throws(() => docSqlBlocks('```sql duckdb a\nSELECT 1;\n```\n\n```sql duckdb a\nSELECT 2;\n```\n'), /two `sql duckdb a` blocks/);
  });

  const layerCases: { corpora: string[]; model: string | null; layers: number[] | null }[] = [
    { corpora: ['lab'], model: null, layers: null },
    { corpora: ['ref', 'lab'], model: null, layers: null },
    { corpora: ['lab'], model: OTHER_MODEL, layers: null },
    { corpora: ['ref', 'lab'], model: 'external:dataset-fixture', layers: [3, 12, 16] },
  ];
  for (const c of layerCases) {
    it(`computes layerStats(corpora: ${c.corpora.join('+')}, model: ${c.model ?? 'all'}, layers: ${c.layers?.join(',') ?? 'all'}) exactly as the API does`, async () => {
      const api = dataOf(await execute(t.app, LayerStatsDocument, { corpora: c.corpora, layers: c.layers, model: c.model })).layerStats;
      const vars = { corpora: c.corpora, model: c.model, layers: c.layers ?? [...ALL_LAYERS] };
      const rows = await runDocSql(sql, blocks.get('layerStats')!, ds, vars);
      assert.equal(rows.length, api.layers.length);
      assert.ok(rows.length > 0);
      assert.deepEqual(
        rows.map((r) => ({ number: num(r['number']), tokenCount: num(r['token_count']), mean: r['mean'], variance: r['variance'], std: r['std'], entropyBits: r['entropy_bits'], distinctTokens: num(r['distinct_tokens']), utilisation: r['utilisation'] })),
        api.layers.map(({ topTokens: _top, ...layer }) => layer),
      );
      const [counts] = await runDocSql(sql, blocks.get('layerStatsCounts')!, ds, vars);
      assert.deepEqual({ audioCount: num(counts!['audio_count']), frameCount: num(counts!['frame_count']) }, { audioCount: api.audioCount, frameCount: api.frameCount });
      // With a model the API lists just it (MODEL_MISMATCH when the corpora lack it); without, every model of the corpora.
      if (c.model === null) assert.deepEqual(counts!['models'], api.models);
      else assert.ok((counts!['models'] as string[]).includes(c.model), 'the asked model is among the corpora\'s');
    });
  }

  it('finds the same count, sum and sum of squares per layer in audio_layer_stats as in the token counts (both pre-aggregates merge by summing)', async () => {
    const reader = await sql.runAndReadAll(
      `SELECT layer, sum(token_count) AS n, sum(token_sum) AS s, sum(token_sum_sq) AS sq
       FROM read_parquet('${ds}/audio_layer_stats/**/*.parquet', hive_partitioning = true) WHERE corpus = 'lab' GROUP BY layer ORDER BY layer`,
    );
    const fromFiles = (reader.getRowObjectsJson() as Record<string, unknown>[]).map((r) => ({ layer: num(r['layer']), n: num(r['n']), s: num(r['s']), sq: num(r['sq']) }));
    const [lab] = await t.app.store.corpora.requireByNames(['lab']);
    const store = await t.app.store.stats.corpusLayers({ corpusIds: [lab!.id] }, ALL_LAYERS);
    assert.deepEqual(fromFiles, store.map((r) => ({ layer: r.layer, n: r.tokenCount, s: r.tokenSum, sq: r.tokenSumSq })));
  });

  const coldCases: { reference: string; target: string; layers: number[] | null; maxReferenceCount: number; limit: number; offset: number }[] = [
    { reference: 'ref', target: 'lab', layers: null, maxReferenceCount: 0, limit: 50, offset: 0 },
    { reference: 'ref', target: 'lab', layers: null, maxReferenceCount: 2, limit: 20, offset: 7 },
    { reference: 'ref', target: 'lab', layers: [12], maxReferenceCount: 1, limit: 1000, offset: 0 },
    { reference: 'lab', target: 'ref', layers: [1, 2], maxReferenceCount: 3, limit: 30, offset: 0 },
  ];
  for (const c of coldCases) {
    it(`computes coldTokens(${c.reference} → ${c.target}, layers ${c.layers?.join(',') ?? 'all'}, maxReferenceCount ${c.maxReferenceCount}, limit ${c.limit}, offset ${c.offset}) exactly as the API does`, async () => {
      const api = dataOf(await execute(t.app, ColdTokensDocument, { ...c, occurrences: 1 })).coldTokens;
      const rows = await runDocSql(sql, blocks.get('coldTokens')!, ds, {
        reference: c.reference,
        target: c.target,
        layers: c.layers ?? [...ALL_LAYERS],
        max_reference_count: c.maxReferenceCount,
        row_limit: c.limit,
        row_offset: c.offset,
      });
      assert.ok(api.length > 0, 'the case finds cold tokens');
      assert.ok(api.every((x) => x.model !== OTHER_MODEL), 'a model the reference lacks takes no part');
      assert.deepEqual(
        rows.map((r) => ({ model: r['model'], layer: num(r['layer']), token: num(r['token']), referenceCount: num(r['reference_count']), targetCount: num(r['target_count']), audioCount: num(r['audio_count']) })),
        api.map(({ occurrences: _o, ...x }) => x),
      );
    });
  }

  it('gives the same layerStats over a glob of two dataset folders as over one (shard exports need no merge)', async () => {
    const vars = { corpora: ['lab', 'ref'], model: null, layers: [...ALL_LAYERS] };
    const one = await runDocSql(sql, blocks.get('layerStats')!, ds, vars);
    // The same dataset under two folder names matched by one glob: every count doubles, so mean, variance and entropy stay.
    const twin = join(t.root, 'ds-twin');
    await exportDataset(t.app.store, { kind: 'all' }, twin);
    const both = await runDocSql(sql, blocks.get('layerStats')!, `${ds}*`, vars);
    assert.deepEqual(both.map((r) => num(r['token_count'])), one.map((r) => 2 * num(r['token_count'])));
    assert.deepEqual(both.map((r) => r['distinct_tokens']), one.map((r) => r['distinct_tokens']));
    for (const [i, r] of both.entries()) {
      for (const k of ['mean', 'variance', 'entropy_bits']) assert.ok(Math.abs(num(r[k]) - num(one[i]![k])) < 1e-9, `${k} of layer ${String(r['number'])}`);
    }
  });
});

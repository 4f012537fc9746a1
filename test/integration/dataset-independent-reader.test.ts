import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { ExportDatasetDocument, LayerStatsDocument } from '../../src/client/generated/graphql.js';
import { storeDatasetFixture } from '../support/dataset-fixture.js';
import { dataOf, execute } from '../support/graphql.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

/** What dataset.json says, as docs/datasets.md describes it (typed here by hand: nothing of tokenscope's is imported to read it). */
interface Manifest {
  format: string;
  contract: { layers: number; codebookSize: number };
  tables: { name: string; path: string; partitionBy: string[]; rows: number; columns: { name: string; type: string }[] }[];
}

/** Every row of a table, read with hyparquet from the .parquet files under the table's folder. */
async function readTable(root: string, manifest: Manifest, name: string): Promise<Record<string, unknown>[]> {
  const table = manifest.tables.find((t) => t.name === name)!;
  const folder = join(root, table.path);
  const rows: Record<string, unknown>[] = [];
  for (const entry of (await readdir(folder, { recursive: true })).map(String).sort()) {
    if (!entry.endsWith('.parquet')) continue;
    rows.push(...(await parquetReadObjects({ file: await asyncBufferFromFile(join(folder, entry)) })));
  }
  return rows;
}

describe('an exported dataset read by another Parquet implementation (hyparquet)', () => {
  let t: TestApp;
  let ds: string;
  let manifest: Manifest;
  before(async () => {
    t = await createTestApp();
    await storeDatasetFixture(t.app.store);
    ds = join(t.root, 'ds');
    dataOf(await execute(t.app, ExportDatasetDocument, { out: ds, all: true }));
    manifest = JSON.parse(await readFile(join(ds, 'dataset.json'), 'utf8')) as Manifest;
  });
  after(async () => t.close());

  it('finds as many rows in every table as dataset.json states, with the columns it lists', async () => {
    assert.equal(manifest.format, 'tokenscope-dataset');
    for (const table of manifest.tables) {
      const rows = await readTable(ds, manifest, table.name);
      assert.equal(rows.length, table.rows, `rows of ${table.name}`);
      if (rows.length) assert.deepEqual(Object.keys(rows[0]!), table.columns.map((c) => c.name), `columns of ${table.name}`);
    }
  });

  it("computes from the frames the same counts and per-layer statistics as the API's layerStats", async () => {
    const { layers, codebookSize } = manifest.contract;
    const audios = (await readTable(ds, manifest, 'audios')).filter((a) => a['corpus'] === 'lab');
    const keys = new Set(audios.map((a) => a['audio_key']));
    const frames = (await readTable(ds, manifest, 'frames')).filter((f) => f['corpus'] === 'lab');
    assert.ok(frames.every((f) => keys.has(f['audio_key'])));
    const histograms = Array.from({ length: layers }, () => new Float64Array(codebookSize));
    for (const f of frames) for (let l = 1; l <= layers; l++) histograms[l - 1]![Number(f[`l${l}`])]!++;
    const api = dataOf(await execute(t.app, LayerStatsDocument, { corpora: ['lab'] })).layerStats;
    assert.equal(api.audioCount, audios.length);
    assert.equal(api.frameCount, frames.length);
    assert.equal(api.frameCount, audios.reduce((n, a) => n + Number(a['frame_count']), 0));
    for (const layer of api.layers) {
      const h = histograms[layer.number - 1]!;
      let n = 0;
      let sum = 0;
      let distinct = 0;
      for (let tok = 0; tok < codebookSize; tok++) {
        n += h[tok]!;
        sum += h[tok]! * tok;
        if (h[tok]) distinct++;
      }
      let entropy = 0;
      for (let tok = 0; tok < codebookSize; tok++) if (h[tok]) entropy -= (h[tok]! / n) * Math.log2(h[tok]! / n);
      assert.equal(layer.tokenCount, n, `tokens of layer ${layer.number}`);
      assert.equal(layer.distinctTokens, distinct, `distinct tokens of layer ${layer.number}`);
      assert.ok(Math.abs(layer.mean - sum / n) < 1e-9, `mean of layer ${layer.number}: ${layer.mean} vs ${sum / n}`);
      assert.ok(Math.abs(layer.entropyBits - entropy) < 1e-9, `entropy of layer ${layer.number}: ${layer.entropyBits} vs ${entropy}`);
    }
  });

  it('finds the same corpus token counts in corpus_token_counts as the frames hold (the pre-aggregates merge by summing)', async () => {
    const counts = (await readTable(ds, manifest, 'corpus_token_counts')).filter((r) => r['corpus'] === 'lab');
    const fromAudios = new Map<string, number>();
    for (const r of (await readTable(ds, manifest, 'audio_token_counts')).filter((x) => x['corpus'] === 'lab')) {
      const k = `${r['layer']}:${r['token']}`;
      fromAudios.set(k, (fromAudios.get(k) ?? 0) + Number(r['count']));
    }
    assert.equal(counts.length, fromAudios.size);
    for (const r of counts) assert.equal(Number(r['count']), fromAudios.get(`${r['layer']}:${r['token']}`));
  });
});

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  AudioDocument,
  CorporaDocument,
  DeleteAudioDocument,
  DeleteCorpusDocument,
  IngestCodesDocument,
  LayerStatsDocument,
  TokenFrequenciesDocument,
} from '../../src/client/generated/graphql.js';
import type { LayerStatsQuery } from '../../src/client/generated/graphql.js';
import { randomRows, seededRandom, writeJsonl } from '../support/code-files.js';
import type { Rows } from '../support/code-files.js';
import { dataOf, execute, onlyError } from '../support/graphql.js';
import { assertClose, referenceLayers } from '../support/layer-reference.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

const RELATIVE_TOLERANCE = 1e-12;

/** Asserts two layerStats answers agree: counts exactly, floating-point values within tolerance. */
function assertSameLayers(actual: LayerStatsQuery['layerStats'], expected: LayerStatsQuery['layerStats']): void {
  assert.equal(actual.audioCount, expected.audioCount);
  assert.equal(actual.frameCount, expected.frameCount);
  assert.equal(actual.layers.length, expected.layers.length);
  actual.layers.forEach((layer, i) => {
    const want = expected.layers[i]!;
    const label = `layer ${want.number}`;
    assert.equal(layer.number, want.number);
    assert.equal(layer.tokenCount, want.tokenCount, `${label} tokenCount`);
    assert.equal(layer.distinctTokens, want.distinctTokens, `${label} distinctTokens`);
    for (const key of ['mean', 'variance', 'std', 'entropyBits', 'utilisation'] as const) assertClose(layer[key], want[key], RELATIVE_TOLERANCE, `${label} ${key}`);
    assert.deepEqual(layer.topTokens.map(({ token, count }) => ({ token, count })), want.topTokens.map(({ token, count }) => ({ token, count })), `${label} topTokens`);
  });
}

describe('deleting audios and corpora', () => {
  let t: TestApp;
  let files: Rows[][];
  let full: number[];
  let victim: number;

  const stats = async (corpus: string) => dataOf(await execute(t.app, LayerStatsDocument, { corpora: [corpus], top: 8 })).layerStats;
  const ingest = async (corpus: string, paths: string[]) => dataOf(await execute(t.app, IngestCodesDocument, { corpus, paths })).ingestCodes;

  before(async () => {
    t = await createTestApp();
    const random = seededRandom(88);
    // Tokens from the whole codebook, so the deleted audio holds tokens no other audio has.
    files = [[randomRows(random, 9), randomRows(random, 4)], [randomRows(random, 11)], [randomRows(random, 6), randomRows(random, 8)]];
    const paths = await Promise.all(files.map((matrices, i) => writeJsonl(join(t.root, `part-${i}.jsonl`), matrices)));
    full = (await ingest('full', paths)).files.flatMap((f) => f.audioIds);
    victim = full[2]!; // the one matrix of part-1.jsonl
    await ingest('without', [paths[0]!, paths[2]!]);
    await ingest('bystander', [paths[1]!]);
  });
  after(() => t?.close());

  it('removes a deleted audio and its share of the corpus statistics', async () => {
    const bystanderBefore = await stats('bystander');
    const outcome = dataOf(await execute(t.app, DeleteAudioDocument, { id: String(victim) }));
    assert.equal(outcome.deleteAudio, true);
    onlyError(await execute(t.app, AudioDocument, { id: String(victim) }), 'NOT_FOUND', new RegExp(`audio ${victim} does not exist`));

    const after = await stats('full');
    assertSameLayers(after, await stats('without'));
    assertSameLayers(await stats('bystander'), bystanderBefore);

    // And against a direct computation from the rows that remain.
    const remaining = referenceLayers([...files[0]!, ...files[2]!]);
    after.layers.forEach((layer, i) => {
      assert.equal(layer.tokenCount, remaining[i]!.tokenCount);
      assert.equal(layer.distinctTokens, remaining[i]!.distinctTokens);
      assertClose(layer.entropyBits, remaining[i]!.entropyBits, 1e-9, `layer ${layer.number} entropyBits`);
      assertClose(layer.variance, remaining[i]!.variance, 1e-9, `layer ${layer.number} variance`);
    });
    for (const layer of [1, 16]) {
      const [a, b] = await Promise.all(['full', 'without'].map(async (corpus) => dataOf(await execute(t.app, TokenFrequenciesDocument, { corpus, layer })).tokenFrequencies));
      assert.deepEqual(a, b, `token frequencies of layer ${layer}`);
    }
  });

  it('answers NOT_FOUND when the same audio is deleted twice', async () => {
    onlyError(await execute(t.app, DeleteAudioDocument, { id: String(victim) }), 'NOT_FOUND', new RegExp(`audio ${victim} does not exist`));
  });

  it('can ingest a deleted matrix again', async () => {
    const report = await ingest('full', [join(t.root, 'part-1.jsonl')]);
    assert.equal(report.ingested, 1);
    victim = report.files[0]!.audioIds[0]!;
    const restored = await stats('full');
    assert.equal(restored.audioCount, full.length);
    assert.deepEqual(restored.layers.map((l) => l.tokenCount), referenceLayers(files.flat()).map((l) => l.tokenCount));
    assert.equal(dataOf(await execute(t.app, DeleteAudioDocument, { id: String(victim) })).deleteAudio, true);
  });

  it('removes a deleted corpus with every audio, frame and aggregate, and leaves the others alone', async () => {
    const withoutBefore = await stats('without');
    const [{ id: corpusId }] = (await t.app.store.db.query("SELECT id FROM corpora WHERE name = 'full'")) as [{ id: number }];
    const deleted = dataOf(await execute(t.app, DeleteCorpusDocument, { name: 'full' })).deleteCorpus;
    assert.equal(deleted, full.length - 1);

    assert.deepEqual(dataOf(await execute(t.app, CorporaDocument, {})).corpora.map((c) => c.name), ['bystander', 'without']);
    for (const id of full) onlyError(await execute(t.app, AudioDocument, { id: String(id) }), 'NOT_FOUND');
    onlyError(await execute(t.app, LayerStatsDocument, { corpora: ['full'] }), 'NOT_FOUND', /corpus "full" does not exist/);
    const leftovers = await t.app.store.db.query(
      `SELECT (SELECT count(*) FROM audios WHERE corpus_id = $1) AS audios,
              (SELECT count(*) FROM frames WHERE list_contains($2, audio_id)) AS frames,
              (SELECT count(*) FROM audio_token_counts WHERE list_contains($2, audio_id)) AS token_counts,
              (SELECT count(*) FROM audio_layer_stats WHERE list_contains($2, audio_id)) AS layer_stats,
              (SELECT count(*) FROM corpus_token_counts WHERE corpus_id = $1) AS corpus_counts`,
      [Number(corpusId), full],
    );
    assert.deepEqual(Object.values(leftovers[0]!).map(Number), [0, 0, 0, 0, 0]);
    assertSameLayers(await stats('without'), withoutBefore);
  });

  it('answers NOT_FOUND when deleting a corpus that does not exist', async () => {
    onlyError(await execute(t.app, DeleteCorpusDocument, { name: 'full' }), 'NOT_FOUND', /corpus "full" does not exist/);
  });
});

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AudioLayersDocument, CorporaDocument, DeleteAudioDocument, DetectDocument, IngestCodesDocument, LayerStatsDocument } from '../../src/client/generated/graphql.js';
import { randomRows, seededRandom, writeJsonl } from '../support/code-files.js';
import { dataOf, execute } from '../support/graphql.js';
import type { GraphQLOutcome } from '../support/graphql.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

describe('results shared across requests', () => {
  let t: TestApp;
  const random = seededRandom(8);
  let files = 0;

  /** Ingests `count` random matrices into `corpus` through the API; returns their audio ids. */
  async function ingest(corpus: string, count: number): Promise<string[]> {
    const path = await writeJsonl(join(t.root, `file-${files++}.jsonl`), Array.from({ length: count }, () => randomRows(random, 30)));
    return dataOf(await execute(t.app, IngestCodesDocument, { corpus, paths: [path] })).ingestCodes.files[0]!.audioIds.map(String);
  }

  /** Runs `query` and returns its data with the number of SQL statements it issued. */
  async function counted<T>(query: () => Promise<GraphQLOutcome<T>>): Promise<{ data: T; statements: number }> {
    const before = t.app.store.db.statementCount;
    const data = dataOf(await query());
    return { data, statements: t.app.store.db.statementCount - before };
  }

  const layerStats = () => execute(t.app, LayerStatsDocument, { corpora: ['a', 'b'], top: 3 });
  const corpora = () => execute(t.app, CorporaDocument, {});
  const countOf = (data: { corpora: { name: string; audioCount: number }[] }, name: string) => data.corpora.find((c) => c.name === name)?.audioCount;

  before(async () => {
    t = await createTestApp();
    await ingest('a', 3);
    await ingest('b', 2);
  });
  after(() => t?.close());

  it('issues no statement for a second identical request of each dashboard query', async () => {
    const [audioId] = await ingest('c', 1);
    const queries: Record<string, () => Promise<GraphQLOutcome<unknown>>> = {
      corpora,
      layerStats,
      audioLayers: () => execute(t.app, AudioLayersDocument, { corpus: 'c', first: 10, top: 3 }),
      detect: () => execute(t.app, DetectDocument, { audioId: audioId!, detector: { name: 'keyLayerVariance', params: {} } }),
    };
    for (const [name, query] of Object.entries(queries)) {
      const first = await counted(query);
      const second = await counted(query);
      assert.ok(first.statements > 0, `${name}: the first request reads the store`);
      assert.equal(second.statements, 0, `${name}: ${second.statements} statements on the second request`);
      assert.deepEqual(second.data, first.data, `${name}: the same answer`);
    }
  });

  it('answers with the new audio counted once an ingest into the corpus has finished', async () => {
    const before = await counted(layerStats);
    const listed = dataOf(await corpora());
    await ingest('a', 1);
    const afterStats = await counted(layerStats);
    assert.equal(afterStats.data.layerStats.audioCount, before.data.layerStats.audioCount + 1);
    assert.equal(afterStats.data.layerStats.layers[0]!.tokenCount, before.data.layerStats.layers[0]!.tokenCount + 30);
    assert.ok(afterStats.statements > 0);
    assert.equal(countOf(dataOf(await corpora()), 'a'), countOf(listed, 'a')! + 1);
  });

  it('answers without a deleted audio once the delete has finished', async () => {
    const [audioId] = await ingest('a', 1);
    const before = dataOf(await layerStats()).layerStats.audioCount;
    dataOf(await execute(t.app, DeleteAudioDocument, { id: audioId! }));
    assert.equal(dataOf(await layerStats()).layerStats.audioCount, before - 1);
    const outcome = await execute(t.app, DetectDocument, { audioId: audioId!, detector: { name: 'keyLayerVariance', params: {} } });
    assert.equal(outcome.errors[0]?.extensions?.['code'], 'NOT_FOUND', 'a deleted audio is not served from the cache');
  });

  it('keeps answers about other corpora when one corpus changes', async () => {
    const query = () => execute(t.app, LayerStatsDocument, { corpora: ['b'], top: 3 });
    await counted(query);
    await ingest('a', 1);
    const again = await counted(query);
    // Resolving the name "b" reads nothing either: the corpus set did not change.
    assert.equal(again.statements, 0, `${again.statements} statements after an ingest into another corpus`);
  });

  it('computes once for identical requests that miss at the same time', async () => {
    await ingest('b', 1); // the next layerStats misses
    const single = await counted(layerStats);
    await ingest('b', 1);
    const before = t.app.store.db.statementCount;
    const answers = await Promise.all(Array.from({ length: 8 }, () => layerStats()));
    const statements = t.app.store.db.statementCount - before;
    for (const a of answers) dataOf(a);
    assert.equal(statements, single.statements, `8 concurrent requests issued ${statements} statements, one alone ${single.statements}`);
  });
});

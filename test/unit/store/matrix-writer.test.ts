import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ALL_LAYERS } from '../../../src/domain/contract.js';
import { storeMatrices } from '../../../src/store/matrix-writer.js';
import type { NewAudio } from '../../../src/store/matrix-writer.js';
import { openStore } from '../../../src/store/store.js';
import type { Store } from '../../../src/store/store.js';
import type { Transaction } from '../../../src/store/database.js';
import { layerValues } from '../../../src/query/layer-values.js';
import { randomRows, seededRandom } from '../../support/code-files.js';
import type { Rows } from '../../support/code-files.js';
import { assertClose, referenceLayers, topTokens } from '../../support/layer-reference.js';
import { matrixFromRows } from '../../support/matrices.js';

describe('storeMatrices', () => {
  let store: Store;
  let corpusId: number;
  const random = seededRandom(99);
  const audio = (rows: Rows, sha: string, model = 'external:test'): NewAudio => ({
    corpusId, model, contentSha256: sha, sourcePath: `${sha}.jsonl`, sourceLine: null, text: null, metadata: {}, matrix: matrixFromRows(rows),
  });
  const write = (audios: NewAudio[]) => store.db.transaction((tx) => storeMatrices(tx, audios));

  beforeEach(async () => {
    store = await openStore(':memory:');
    corpusId = (await store.corpora.create('c')).id;
  });
  afterEach(() => store.close());

  it('pre-aggregates per audio and layer the same statistics as a direct computation', async () => {
    const rows = randomRows(random, 40, 0, 64);
    const [outcome] = await write([audio(rows, 'a')]);
    const stored = await store.stats.audioLayers([outcome!.audioId], ALL_LAYERS);
    const expected = referenceLayers([rows]);
    assert.equal(stored.length, 16);
    stored.forEach((row, i) => {
      const values = layerValues(row);
      assert.equal(values.number, i + 1);
      assert.equal(values.tokenCount, 40);
      assert.equal(values.distinctTokens, expected[i]!.distinctTokens);
      assertClose(values.entropyBits, expected[i]!.entropyBits, 1e-12, `layer ${i + 1} entropy`);
      assertClose(values.variance, expected[i]!.variance, 1e-9, `layer ${i + 1} variance`);
    });
    const counts = await store.stats.audioTokenCounts([{ audioId: outcome!.audioId, layer: 7 }], 5);
    assert.deepEqual(counts.get(`${outcome!.audioId}:7`), topTokens(expected[6]!.histogram, 5));
  });

  it('merges corpus token counts across batches, so corpus statistics equal those of all rows together', async () => {
    const batches = [[randomRows(random, 10, 0, 30), randomRows(random, 5, 0, 30)], [randomRows(random, 12, 10, 40)]];
    await write(batches[0]!.map((rows, i) => audio(rows, `first-${i}`)));
    await write(batches[1]!.map((rows, i) => audio(rows, `second-${i}`)));
    const expected = referenceLayers(batches.flat());
    const merged = (await store.stats.corpusLayers({ corpusIds: [corpusId] }, ALL_LAYERS)).map(layerValues);
    const scanned = (await store.stats.corpusLayersByScan({ corpusIds: [corpusId] }, ALL_LAYERS)).map(layerValues);
    for (const [i, want] of expected.entries()) {
      for (const [how, got] of [['pre-aggregated', merged[i]!], ['scanned', scanned[i]!]] as const) {
        assert.equal(got.tokenCount, want.tokenCount, `${how} layer ${i + 1}`);
        assert.equal(got.distinctTokens, want.distinctTokens, `${how} layer ${i + 1}`);
        assertClose(got.entropyBits, want.entropyBits, 1e-12, `${how} layer ${i + 1} entropy`);
        assertClose(got.variance, want.variance, 1e-12, `${how} layer ${i + 1} variance`);
      }
    }
  });

  it('stores a matrix already in the corpus under the same model only once, and says so', async () => {
    const rows = randomRows(random, 4);
    const [first] = await write([audio(rows, 'same')]);
    const outcomes = await write([audio(rows, 'same'), audio(rows, 'same', 'external:other'), audio(randomRows(random, 3), 'new'), audio(rows, 'new')]);
    assert.deepEqual(outcomes.map((o) => o.status), ['already-present', 'ingested', 'ingested', 'already-present']);
    assert.equal(outcomes[0]!.audioId, first!.audioId);
    assert.equal(outcomes[3]!.audioId, outcomes[2]!.audioId, 'a repeat within one batch maps to the first copy');
    const [summary] = await store.corpora.summaries([corpusId]);
    assert.deepEqual(summary, { corpusId, audioCount: 3, frameCount: 4 + 4 + 3, models: ['external:other', 'external:test'] });
  });

  it('keeps models apart: restricting to one model counts only its matrices', async () => {
    const mine = randomRows(random, 9, 0, 8);
    const theirs = randomRows(random, 7, 1000, 1010);
    await write([audio(mine, 'mine'), audio(theirs, 'theirs', 'external:other')]);
    for (const [model, rows] of [['external:test', mine], ['external:other', theirs]] as const) {
      const expected = referenceLayers([rows]);
      const merged = await store.stats.corpusLayers({ corpusIds: [corpusId], model }, [1, 16]);
      const scanned = await store.stats.corpusLayersByScan({ corpusIds: [corpusId], model }, [1, 16]);
      assert.deepEqual(merged.map((l) => [l.layer, l.tokenCount, l.distinctTokens, l.tokenSum]), [1, 16].map((n) => [n, rows.length, expected[n - 1]!.distinctTokens, rows.reduce((sum, row) => sum + row[n - 1]!, 0)]));
      assert.deepEqual(scanned.map((l) => [l.layer, l.tokenCount, l.tokenSum]), merged.map((l) => [l.layer, l.tokenCount, l.tokenSum]));
    }
  });

  it('writes nothing for an empty batch', async () => {
    const before = store.db.statementCount;
    assert.deepEqual(await write([]), []);
    assert.equal(store.db.statementCount - before, 2, 'only BEGIN and COMMIT');
  });

  describe('a long matrix', () => {
    const frames = 20_000;
    const long = () => audio(randomRows(random, frames), `long-${frames}`);

    it('lets the event loop turn while it is written, at least every 512 rows', async () => {
      // The transaction's Appenders count their rows; each turn of the event loop notes how many
      // rows were appended since the previous turn.
      let rows = 0;
      let sinceTurn = 0;
      let most = 0;
      let writing = true;
      const turn = () => {
        most = Math.max(most, sinceTurn);
        sinceTurn = 0;
        if (writing) setImmediate(turn);
      };
      const counting = (tx: Transaction): Transaction => ({
        query: (sql, params) => tx.query(sql, params),
        appender: async (table) =>
          new Proxy(await tx.appender(table), {
            get(target, prop) {
              const value = Reflect.get(target, prop, target) as unknown;
              if (prop === 'endRow') return () => (rows++, sinceTurn++, target.endRow());
              return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
            },
          }),
      });
      setImmediate(turn);
      await store.db.transaction((tx) => storeMatrices(counting(tx), [long()], { sliceMs: 0 }));
      writing = false;
      most = Math.max(most, sinceTurn);
      assert.ok(rows >= frames, `${rows} rows appended`);
      assert.ok(most <= 512, `${most} rows appended without a turn of the event loop`);
    });

    it('is still written all or nothing: a failure after it leaves no frame behind', async () => {
      await assert.rejects(
        store.db.transaction(async (tx) => {
          await storeMatrices(tx, [long()], { sliceMs: 0 });
          throw new Error('failed after the frames');
        }),
        /failed after the frames/,
      );
      const [summary] = await store.corpora.summaries([corpusId]);
      assert.deepEqual([summary!.audioCount, summary!.frameCount], [0, 0]);
      assert.deepEqual(await store.stats.corpusLayers({ corpusIds: [corpusId] }, [1]), []);
    });

    it('stores every frame in order', async () => {
      const a = long();
      const [outcome] = await store.db.transaction((tx) => storeMatrices(tx, [a], { sliceMs: 0 }));
      const back = await store.audios.matrix(outcome!.audioId);
      assert.equal(back.frames, frames);
      assert.deepEqual(back.tokens, a.matrix.tokens);
    });
  });
});

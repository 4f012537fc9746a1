import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { dataVersions, versionedTransaction } from '../../../src/store/data-versions.js';
import { storeMatrices } from '../../../src/store/matrix-writer.js';
import type { NewStabilityRun } from '../../../src/store/stability-run-repository.js';
import type { StabilityLayerRow } from '../../../src/store/rows.js';
import { openStore } from '../../../src/store/store.js';
import type { Store } from '../../../src/store/store.js';
import { randomRows, seededRandom } from '../../support/code-files.js';
import { matrixFromRows } from '../../support/matrices.js';

/** 16 layers of counts: layer l agrees on `frames - l` frames, with `l` edits over `frames / 2` units. */
function layers(frames: number, shift = 0): StabilityLayerRow[] {
  return Array.from({ length: 16 }, (_, i) => ({ layer: i + 1, frames, agreeing: frames - i - 1 - shift, edits: i + 1 + shift, units: frames / 2 }));
}

describe('stability run repository', () => {
  let store: Store;
  let corpus: number;
  let audios: number[];
  const random = seededRandom(11);

  const run = (over: Partial<NewStabilityRun> = {}): NewStabilityRun => ({
    corpusId: corpus,
    model: 'tokenscope-ref-v2',
    modelSha256: 'a'.repeat(64),
    perturbation: 'gain:db=-6',
    audiosWithoutSource: 1,
    audiosSourceMissing: 0,
    audiosOtherEncoder: 2,
    audios: [
      { audioId: audios[0]!, layers: layers(40) },
      { audioId: audios[1]!, layers: layers(60, 1) },
    ],
    ...over,
  });

  beforeEach(async () => {
    store = await openStore(':memory:');
    corpus = (await store.corpora.create('c')).id;
    const outcomes = await versionedTransaction(store.db, (tx) =>
      storeMatrices(tx, ['x', 'y', 'z'].map((sha) => ({ corpusId: corpus, model: 'external:test', contentSha256: sha, sourcePath: `${sha}.jsonl`, sourceLine: null, text: null, metadata: {}, matrix: matrixFromRows(randomRows(random, 5)) }))),
    );
    audios = outcomes.map((o) => o.audioId);
  });
  afterEach(() => store.close());

  it('returns a stored run with its layers summed over its audios and its skipped counts', async () => {
    const [id] = await store.stabilityRuns.replace([run()]);
    const [stored, ...rest] = await store.stabilityRuns.list(corpus);
    assert.equal(rest.length, 0);
    assert.equal(stored!.id, id);
    assert.deepEqual(
      { model: stored!.model, sha: stored!.modelSha256, perturbation: stored!.perturbation, audios: stored!.audios, without: stored!.audiosWithoutSource, missing: stored!.audiosSourceMissing, other: stored!.audiosOtherEncoder },
      { model: 'tokenscope-ref-v2', sha: 'a'.repeat(64), perturbation: 'gain:db=-6', audios: 2, without: 1, missing: 0, other: 2 },
    );
    assert.equal(stored!.layers.length, 16);
    // Layer 3: 40 - 3 + 60 - 4 = 93 agreeing of 100 frames; 3 + 4 = 7 edits over 20 + 30 units.
    assert.deepEqual(stored!.layers[2], { layer: 3, frames: 100, agreeing: 93, edits: 7, units: 50 });
    assert.ok(stored!.createdAt instanceof Date);
  });

  it('keeps each audio\'s own layers, found for many audios at once', async () => {
    await store.stabilityRuns.replace([run()]);
    const found = await store.stabilityRuns.forAudios([audios[1]!, audios[2]!, audios[0]!]);
    assert.deepEqual(found.map((r) => r.audioId), [audios[0], audios[1]]);
    assert.deepEqual(found[1]!.layers, layers(60, 1));
    assert.equal(found[1]!.perturbation, 'gain:db=-6');
    assert.deepEqual(await store.stabilityRuns.forAudios([audios[2]!]), []);
  });

  it('replaces the run of the same corpus, model and perturbation, and keeps the others', async () => {
    await store.stabilityRuns.replace([run(), run({ perturbation: 'noise:colour=white,snr=20,seed=1' }), run({ model: 'other' })]);
    await store.stabilityRuns.replace([run({ audios: [{ audioId: audios[2]!, layers: layers(20) }], audiosOtherEncoder: 0 })]);
    const runs = await store.stabilityRuns.list(corpus);
    assert.deepEqual(runs.map((r) => `${r.perturbation}|${r.model}|${r.audios}`), ['gain:db=-6|other|2', 'gain:db=-6|tokenscope-ref-v2|1', 'noise:colour=white,snr=20,seed=1|tokenscope-ref-v2|2']);
    const replaced = runs[1]!;
    assert.equal(replaced.audiosOtherEncoder, 0);
    assert.deepEqual(replaced.layers[0], { layer: 1, frames: 20, agreeing: 19, edits: 1, units: 10 });
    assert.deepEqual(await store.stabilityRuns.forAudios([audios[0]!], { model: 'tokenscope-ref-v2', perturbation: 'gain:db=-6' }), []);
    assert.equal((await store.stabilityRuns.list(corpus, { perturbation: 'gain:db=-6' })).length, 2);
    assert.equal((await store.stabilityRuns.list(corpus, { perturbation: 'gain:db=-6', model: 'other' })).length, 1);
  });

  it('changes the corpus\'s data version when a run is stored', async () => {
    const before = dataVersions(store.db).corpus(corpus);
    await store.stabilityRuns.replace([run()]);
    assert.equal(dataVersions(store.db).corpus(corpus), before + 1);
  });

  it('drops a deleted audio\'s counts from the corpus sums, and every row with the corpus', async () => {
    await store.stabilityRuns.replace([run()]);
    await store.audios.delete(audios[0]!);
    const [left] = await store.stabilityRuns.list(corpus);
    assert.equal(left!.audios, 1);
    assert.deepEqual(left!.layers[2], { layer: 3, frames: 60, agreeing: 56, edits: 4, units: 30 });
    assert.deepEqual(await store.checkIntegrity(), []);
    await store.corpora.delete('c');
    const [n] = await store.db.query('SELECT (SELECT count(*) FROM stability_runs) + (SELECT count(*) FROM stability_layers) AS n');
    assert.equal(Number(n!['n']), 0);
    assert.deepEqual(await store.checkIntegrity(), []);
  });

  it('stores nothing of a batch when one of its runs fails', async () => {
    await store.stabilityRuns.replace([run()]);
    const bad = run({ perturbation: 'shift:samples=1', audios: [{ audioId: audios[0]!, layers: [{ layer: 1, frames: -1, agreeing: 0, edits: 0, units: 0 }] }] });
    await assert.rejects(store.stabilityRuns.replace([run({ audiosWithoutSource: 9 }), bad]));
    const runs = await store.stabilityRuns.list(corpus);
    assert.deepEqual(runs.map((r) => [r.perturbation, r.audiosWithoutSource, r.audios]), [['gain:db=-6', 1, 2]]);
  });
});

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { dataVersions, versionedTransaction } from '../../../src/store/data-versions.js';
import { storeMatrices } from '../../../src/store/matrix-writer.js';
import type { NewAudio } from '../../../src/store/matrix-writer.js';
import { openStore } from '../../../src/store/store.js';
import type { Store } from '../../../src/store/store.js';
import { randomRows, seededRandom } from '../../support/code-files.js';
import { matrixFromRows } from '../../support/matrices.js';

describe('data versions', () => {
  let store: Store;
  let a: number;
  let b: number;
  const random = seededRandom(7);
  const audio = (corpusId: number, sha: string): NewAudio => ({
    corpusId, model: 'external:test', contentSha256: sha, sourcePath: `${sha}.jsonl`, sourceLine: null, text: null, metadata: {}, matrix: matrixFromRows(randomRows(random, 5)),
  });
  const ingest = (corpusId: number, sha: string) => versionedTransaction(store.db, (tx) => storeMatrices(tx, [audio(corpusId, sha)]));
  const versions = () => dataVersions(store.db);
  const snapshot = () => ({ a: versions().corpus(a), b: versions().corpus(b), catalog: versions().catalog, deletions: versions().deletions });

  beforeEach(async () => {
    store = await openStore(':memory:');
    a = (await store.corpora.create('a')).id;
    b = (await store.corpora.create('b')).id;
  });
  afterEach(() => store.close());

  it('changes the version of the corpus an ingest writes into, and of no other', async () => {
    const before = snapshot();
    await ingest(a, 'x');
    assert.deepEqual(snapshot(), { ...before, a: before.a + 1 });
  });

  it('leaves versions as they are when an ingest stores nothing new', async () => {
    await ingest(a, 'x');
    const before = snapshot();
    await ingest(a, 'x');
    assert.deepEqual(snapshot(), before);
  });

  it('changes the corpus set version when a corpus is created, and it only', async () => {
    const before = snapshot();
    await store.corpora.create('c');
    assert.deepEqual(snapshot(), { ...before, catalog: before.catalog + 1 });
  });

  it('changes the corpus and the deletions version when an audio is deleted', async () => {
    const [outcome] = await ingest(a, 'x');
    const before = snapshot();
    await store.audios.delete(outcome!.audioId);
    assert.deepEqual(snapshot(), { ...before, a: before.a + 1, deletions: before.deletions + 1 });
  });

  it('changes the corpus, the corpus set and the deletions version when a corpus is deleted', async () => {
    await ingest(b, 'y');
    const before = snapshot();
    await store.corpora.delete('b');
    assert.deepEqual(snapshot(), { ...before, b: before.b + 1, catalog: before.catalog + 1, deletions: before.deletions + 1 });
  });

  it('changes the corpus version when labels are imported into its audios', async () => {
    const [outcome] = await ingest(a, 'x');
    const before = snapshot();
    await store.audios.replaceLabels(new Map([[outcome!.audioId, [{ start: 0, end: 0.1, label: 'click' }]]]));
    assert.deepEqual(snapshot(), { ...before, a: before.a + 1 });
  });

  it('changes the corpus version when an evaluation run is stored or deleted', async () => {
    const before = snapshot();
    const run = await store.evaluationRuns.create(a, null, {}, {});
    assert.equal(snapshot().a, before.a + 1);
    await store.evaluationRuns.delete(run.id);
    assert.equal(snapshot().a, before.a + 2);
  });

  it('changes the version only once the transaction has settled', async () => {
    const before = versions().corpus(a);
    let inside = -1;
    await versionedTransaction(store.db, async (tx) => {
      await storeMatrices(tx, [audio(a, 'z')]);
      inside = versions().corpus(a);
    });
    assert.equal(inside, before, 'not yet bumped before the commit');
    assert.equal(versions().corpus(a), before + 1);
  });

  it('changes the version after a rolled back write too (a needless miss, never a stale answer)', async () => {
    const before = versions().corpus(a);
    await assert.rejects(
      versionedTransaction(store.db, async (tx) => {
        await storeMatrices(tx, [audio(a, 'w')]);
        throw new Error('disk full');
      }),
      /disk full/,
    );
    assert.equal(versions().corpus(a), before + 1);
    assert.equal((await store.corpora.summaries([a]))[0]!.audioCount, 0, 'the write was rolled back');
  });
});

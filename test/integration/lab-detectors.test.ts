import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DeleteAudioDocument, DetectDocument } from '../../src/client/generated/graphql.js';
import { dataOf, execute } from '../support/graphql.js';
import { repoRoot } from '../support/paths.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { testSignal, writeWav } from '../support/wav.js';
import { ingestAudioFolder } from '../support/ingest-audio.js';

const ingest = ingestAudioFolder;

describe('detectors that fit on stored corpora, through the API', () => {
  let t: TestApp;
  let train: number[];
  before(async () => {
    t = await createTestApp({ modelsDir: join(repoRoot(), 'test', 'fixtures', 'models') });
    const dir = join(t.root, 'train');
    await mkdir(dir);
    for (let i = 0; i < 3; i++) {
      await writeWav(join(dir, `a${i}.wav`), testSignal(4 + i * 0.5, 24000, 7 + i), 24000);
      await writeFile(join(dir, `a${i}.txt`), '1.0\t2.0\tburst\n');
    }
    train = await ingest(t, 'train', dir);
  });
  after(async () => t.close());

  it('scores with order-2 surprisal fitted on the reference corpus, recording the threshold rule used', async () => {
    const d = dataOf(await execute(t.app, DetectDocument, { audioId: String(train[0]), detector: { name: 'tokenSurprisal', params: { reference: 'train', threshold: { rule: 'robustZ', k: 2 } } } })).detect;
    assert.equal(d.scores.length, Math.ceil(4 * 24000 / 1920));
    assert.ok(d.scores.every((s) => Number.isFinite(s) && s > 0));
    assert.equal(d.thresholdRule['rule'], 'robustZ');
    assert.equal(d.parameters['order'], 2);
  });

  it('trains token enrichment on the other labelled audios, never on the scored one', async () => {
    const d = dataOf(await execute(t.app, DetectDocument, { audioId: String(train[0]), detector: { name: 'tokenEnrichment', params: { training: 'train' } } })).detect;
    assert.equal(d.scores.length, 50);
    // The labelled second [1 s, 2 s) holds the noise burst of testSignal in every file: enriched tokens score higher there.
    const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
    assert.ok(mean(d.scores.slice(13, 25)) > mean(d.scores.slice(30, 50)), 'burst frames score above the rest');
  });

  it('refits a cached model when its corpus changes', async () => {
    const spec = { name: 'tokenSurprisal', params: { reference: 'train', order: 1 } };
    const before = dataOf(await execute(t.app, DetectDocument, { audioId: String(train[0]), detector: spec })).detect.scores;
    dataOf(await execute(t.app, DeleteAudioDocument, { id: String(train[2]) }));
    const after = dataOf(await execute(t.app, DetectDocument, { audioId: String(train[0]), detector: spec })).detect.scores;
    assert.notDeepEqual(after, before);
  });
});

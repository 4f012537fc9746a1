import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CompareDetectorsDocument,
  ComparisonJobDocument,
  DeleteEvaluationRunDocument,
  EvaluationRunDocument,
  EvaluationRunsDocument,
  StartComparisonDocument,
} from '../../src/client/generated/graphql.js';
import type { ComparisonJobPartsFragment, EvaluationRunPartsFragment } from '../../src/client/generated/graphql.js';
import { dataOf, execute, onlyError } from '../support/graphql.js';
import { post, serve } from '../support/http.js';
import type { Served } from '../support/http.js';
import { FIXTURE_MODEL, ingestAudioFolder } from '../support/ingest-audio.js';
import { repoRoot } from '../support/paths.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { testSignal, writeWav } from '../support/wav.js';

const KEY = 'a-test-key-that-is-long-enough';
const DETECTORS = [{ name: 'keyLayerVariance', sweep: { parameter: 'percentile', values: [80, 95] } }, { name: 'interLayerSpread' }];

/** A run as stored, without what differs between two runs of the same input (id, time, wall clock). */
function comparable(run: EvaluationRunPartsFragment): unknown {
  const { id: _id, createdAt: _createdAt, ...rest } = run;
  return { ...rest, rows: rest.rows.map(({ runMilliseconds: _ms, ...row }) => row) };
}

describe('background comparisons (startComparison, comparisonJob) and deleting runs', () => {
  let t: TestApp;
  let served: Served;

  before(async () => {
    t = await createTestApp({ modelsDir: join(repoRoot(), 'test', 'fixtures', 'models'), apiKey: KEY });
    const dir = join(t.root, 'lab');
    await mkdir(dir);
    for (let i = 0; i < 4; i++) {
      const seconds = 4 + i * 0.5;
      await writeWav(join(dir, `a${i}.wav`), testSignal(seconds, 24000, 3 + i), 24000);
      await writeFile(join(dir, `a${i}.txt`), '1.0\t2.0\tburst\n');
    }
    await ingestAudioFolder(t, 'lab', dir);
    const plain = join(t.root, 'plain');
    await mkdir(plain);
    await writeWav(join(plain, 'p.wav'), testSignal(4, 24000, 11), 24000);
    await ingestAudioFolder(t, 'unlabelled', plain);
    served = await serve(t.app);
  });
  after(async () => {
    await served?.close();
    await t?.close();
  });

  const auth = { authorization: `Bearer ${KEY}` };

  /** Polls the job over HTTP until it has finished, recording every state seen. */
  async function finish(id: string, seen: ComparisonJobPartsFragment[] = []): Promise<ComparisonJobPartsFragment> {
    for (;;) {
      const { data, errors } = await post(served.url, ComparisonJobDocument, { id });
      assert.deepEqual(errors, []);
      const job = data!.comparisonJob;
      seen.push(job);
      if (job.phase === 'SUCCEEDED' || job.phase === 'FAILED') return job;
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  describe('misuse', () => {
    it('refuses startComparison without the API key with UNAUTHENTICATED, and starts nothing', async () => {
      const refused = await post(served.url, StartComparisonDocument, { corpus: 'lab', detectors: DETECTORS, bootstrap: 10 });
      onlyError(refused, 'UNAUTHENTICATED', /mutations need the API key/);
      assert.equal(refused.status, 401);
      assert.deepEqual(t.app.services.comparisons.list(), []);
    });

    it('refuses deleteEvaluationRun without the API key with UNAUTHENTICATED', async () => {
      const refused = await post(served.url, DeleteEvaluationRunDocument, { id: '1' }, {});
      onlyError(refused, 'UNAUTHENTICATED', /mutations need the API key/);
    });

    it('answers NOT_FOUND for an unknown job id, naming it', async () => {
      onlyError(await post(served.url, ComparisonJobDocument, { id: '999' }), 'NOT_FOUND', /comparison job 999 does not exist/);
    });

    it('answers NOT_FOUND for deleting an unknown run', async () => {
      onlyError(await post(served.url, DeleteEvaluationRunDocument, { id: '999' }, auth), 'NOT_FOUND', /999/);
    });

    it('fails at once, before any job, for an unknown corpus, an unknown detector or a bootstrap over its cap', async () => {
      onlyError(await post(served.url, StartComparisonDocument, { corpus: 'nope', detectors: DETECTORS }, auth), 'NOT_FOUND', /nope/);
      onlyError(await post(served.url, StartComparisonDocument, { corpus: 'lab', detectors: [{ name: 'noSuchDetector' }] }, auth), 'NOT_FOUND', /detectors\[0\]/, /noSuchDetector/);
      onlyError(await post(served.url, StartComparisonDocument, { corpus: 'lab', detectors: DETECTORS, bootstrap: 100_000 }, auth), 'LIMIT_EXCEEDED', /bootstrap/);
      assert.deepEqual(t.app.services.comparisons.list(), []);
    });

    it('fails the job with the coded message compareDetectors answers for a corpus without labels', async () => {
      const started = await post(served.url, StartComparisonDocument, { corpus: 'unlabelled', detectors: DETECTORS }, auth);
      assert.deepEqual(started.errors, []);
      const job = await finish(started.data!.startComparison.id);
      const sync = await execute(t.app, CompareDetectorsDocument, { corpus: 'unlabelled', detectors: DETECTORS });
      const expected = onlyError(sync, 'INVALID_ARGUMENT');
      assert.deepEqual([job.phase, job.errorCode, job.error, job.runId], ['FAILED', 'INVALID_ARGUMENT', expected.message, null]);
      assert.match(job.error!, /corpus unlabelled has no labels/);
    });
  });

  it('reports progress up to done, and stores the same run as the synchronous mutation for the same input', async () => {
    const variables = { corpus: 'lab', detectors: DETECTORS, bootstrap: 20, folds: 2, seed: 3, name: 'background' };
    const started = await post(served.url, StartComparisonDocument, variables, auth);
    assert.deepEqual(started.errors, []);
    const first = started.data!.startComparison;
    assert.ok(['QUEUED', 'RUNNING'].includes(first.phase), `a new job is queued or running; got ${first.phase}`);
    assert.equal(first.runId, null);
    const seen: ComparisonJobPartsFragment[] = [];
    const done = await finish(first.id, seen);
    assert.equal(done.phase, 'SUCCEEDED');
    assert.deepEqual([done.configurationsTotal, done.configurationsDone, done.audiosTotal, done.fraction, done.step, done.error], [3, 3, 4, 1, 'STORING', null]);
    const fractions = seen.map((j) => j.fraction);
    assert.deepEqual(fractions, [...fractions].sort((a, b) => a - b), 'progress never goes back');
    for (const j of seen) assert.ok(j.configurationsDone <= j.configurationsTotal && j.audiosDone <= j.audiosTotal);
    const background = dataOf(await execute(t.app, EvaluationRunDocument, { id: done.runId! })).evaluationRun;
    const sync = dataOf(await execute(t.app, CompareDetectorsDocument, variables)).compareDetectors;
    assert.notEqual(background.id, sync.id);
    assert.deepEqual(comparable(background), comparable(sync));
  });

  it('runs queued jobs one after the other, each to its own run', async () => {
    const a = dataOf(await post(served.url, StartComparisonDocument, { corpus: 'lab', detectors: [{ name: 'interLayerSpread' }], bootstrap: 5 }, auth)).startComparison;
    const b = dataOf(await post(served.url, StartComparisonDocument, { corpus: 'lab', detectors: [{ name: 'keyLayerVariance' }], bootstrap: 5 }, auth)).startComparison;
    assert.equal(b.phase, 'QUEUED', 'the second waits for the first');
    const [doneA, doneB] = [await finish(a.id), await finish(b.id)];
    assert.deepEqual([doneA.phase, doneB.phase], ['SUCCEEDED', 'SUCCEEDED']);
    assert.notEqual(doneA.runId, doneB.runId);
  });

  it('deletes a run with the key: it is gone from the listing and evaluationRun answers NOT_FOUND', async () => {
    const runs = dataOf(await execute(t.app, EvaluationRunsDocument, { corpus: 'lab' })).evaluationRuns;
    const victim = runs[0]!.id;
    const deleted = await post(served.url, DeleteEvaluationRunDocument, { id: victim }, auth);
    assert.deepEqual(deleted.errors, []);
    assert.equal(deleted.data!.deleteEvaluationRun, true);
    const after = dataOf(await execute(t.app, EvaluationRunsDocument, { corpus: 'lab' })).evaluationRuns.map((r) => r.id);
    assert.deepEqual(after, runs.slice(1).map((r) => r.id));
    onlyError(await execute(t.app, EvaluationRunDocument, { id: victim }), 'NOT_FOUND');
  });

  it('records the model of the evaluated audios', async () => {
    const runs = dataOf(await execute(t.app, EvaluationRunsDocument, { corpus: 'lab' })).evaluationRuns;
    assert.ok(runs.every((r) => r.model === FIXTURE_MODEL));
  });
});

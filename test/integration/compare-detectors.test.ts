import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Detector } from '../../src/analytics/detectors/detector.js';
import { BUILT_IN_DETECTORS, createDetectorRegistry } from '../../src/analytics/detectors/registry.js';
import { LIMITS } from '../../src/api/limits.js';
import {
  CompareDetectorsDocument,
  CreateCorpusDocument,
  DeleteCorpusDocument,
  EvaluationRunDocument,
  EvaluationRunsDocument,
  IngestCodesDocument,
} from '../../src/client/generated/graphql.js';
import type { CompareDetectorsMutation, CompareDetectorsMutationVariables } from '../../src/client/generated/graphql.js';
import { compareDetectors } from '../../src/query/compare-detectors.js';
import { dataOf, execute, onlyError } from '../support/graphql.js';
import { repoRoot } from '../support/paths.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { testSignal, writeWav } from '../support/wav.js';
import { FIXTURE_MODEL, ingestAudioFolder } from '../support/ingest-audio.js';

const MODEL = FIXTURE_MODEL;
const limits = { maxConfigurations: LIMITS.maxComparisonConfigurations, maxBootstrap: LIMITS.maxBootstrap, maxFolds: LIMITS.maxFolds };

const ingest = ingestAudioFolder;

async function runCount(t: TestApp): Promise<number> {
  return dataOf(await execute(t.app, EvaluationRunsDocument, {})).evaluationRuns.length;
}

/** Records what a supervised detector was given: the held-out ids and the audio it trained on. */
interface TrainingCall {
  frames: number;
  heldOut: number[];
  trained: number[];
}

function spyDetector(calls: TrainingCall[]): Detector {
  return {
    name: 'spyTraining',
    description: 'Scores frame i as i mod 7 and records which audio it was allowed to train on.',
    parameters: [{ name: 'training', type: 'string', corpus: 'training', description: 'Training corpus.' }],
    defaultThreshold: () => ({ rule: 'percentile', percentile: 95 }),
    async score(matrix, params, env) {
      const heldOut = [...(env.ctx.heldOutAudioIds ?? [])].sort((a, b) => a - b);
      const trained: number[] = [];
      for await (const example of env.ctx.trainingExamples!(String(params['training']), heldOut)) trained.push(example.audioId);
      calls.push({ frames: matrix.frames, heldOut, trained });
      return Float64Array.from({ length: matrix.frames }, (_, i) => i % 7);
    },
  };
}

describe('comparing detector configurations on a labelled corpus', () => {
  let t: TestApp;
  let audioIds: number[];
  let frameCounts: Map<number, number>;
  let sweepRun: CompareDetectorsMutation['compareDetectors'];

  before(async () => {
    t = await createTestApp({ modelsDir: join(repoRoot(), 'test', 'fixtures', 'models') });
    const dir = join(t.root, 'lab');
    await mkdir(dir);
    // Six files with distinct lengths (so a matrix tells which audio it is); testSignal bursts in
    // seconds [1, 2) and [4, 5): labelled `burst` and, where the file reaches it, `late`.
    for (let i = 0; i < 6; i++) {
      const seconds = 4 + i * 0.5;
      await writeWav(join(dir, `a${i}.wav`), testSignal(seconds, 24000, 3 + i), 24000);
      await writeFile(join(dir, `a${i}.txt`), `1.0\t2.0\tburst\n${seconds >= 5 ? '4.0\t5.0\tlate\n' : ''}`);
    }
    audioIds = await ingest(t, 'lab', dir);
    const rows = await t.app.store.audios.findByIds(audioIds);
    frameCounts = new Map(rows.map((r) => [r.frameCount, r.id]));
    assert.equal(frameCounts.size, 6, 'every file has its own frame count');
    dataOf(await execute(t.app, CreateCorpusDocument, { name: 'empty' }));
  });
  after(async () => t.close());

  it('expands a percentile sweep into one row per value, sorted by event F1, with per-class scores', async () => {
    const outcome = await execute(t.app, CompareDetectorsDocument, {
      corpus: 'lab',
      detectors: [{ name: 'keyLayerVariance', sweep: { parameter: 'percentile', values: [80, 90, 99] } }],
      bootstrap: 50,
      name: 'percentile sweep',
    });
    sweepRun = dataOf(outcome).compareDetectors;
    assert.equal(sweepRun.name, 'percentile sweep');
    assert.equal(sweepRun.corpus.name, 'lab');
    assert.equal(sweepRun.model, MODEL);
    assert.deepEqual([sweepRun.audioCount, sweepRun.eventCount, sweepRun.bootstrap, sweepRun.folds, sweepRun.seed], [6, 10, 50, 5, 1]);
    assert.deepEqual(sweepRun.classes, ['burst', 'late']);
    assert.deepEqual(
      sweepRun.rows.map((r) => r.configuration).sort(),
      ['keyLayerVariance {"percentile":80}', 'keyLayerVariance {"percentile":90}', 'keyLayerVariance {"percentile":99}'],
    );
    assert.deepEqual(sweepRun.rows.map((r) => r.parameters['percentile']).sort(), [80, 90, 99]);
    const f1s = sweepRun.rows.map((r) => r.event.f1.value ?? -1);
    assert.deepEqual(f1s, [...f1s].sort((a, b) => b - a), 'best event F1 first');
    for (const row of sweepRun.rows) {
      assert.equal(row.crossValidated, false);
      assert.ok(row.runMilliseconds >= 0);
      assert.deepEqual(row.classes.map((c) => [c.label, c.events]), [['burst', 6], ['late', 4]]);
      const { value, low, high } = row.frame.auroc;
      assert.ok(value !== null && low !== null && high !== null && low <= value + 1e-12 && value <= high + 1e-12, 'the point AUROC lies in its interval');
      for (const c of row.classes) assert.ok(c.eventRecall.value === null || (c.eventRecall.value >= 0 && c.eventRecall.value <= 1));
    }
  });

  it('stores the run, lists it and reopens it identically', async () => {
    const reopened = dataOf(await execute(t.app, EvaluationRunDocument, { id: sweepRun.id })).evaluationRun;
    assert.deepEqual(reopened, sweepRun);
    const listed = dataOf(await execute(t.app, EvaluationRunsDocument, { corpus: 'lab' })).evaluationRuns;
    assert.deepEqual(listed.map((r) => r.id), [sweepRun.id]);
    assert.equal(listed[0]!.rows[0]!.configuration, sweepRun.rows[0]!.configuration);
  });

  it('cross-validates a detector trained on the evaluated corpus by file: no audio of the scored fold is trained on', async () => {
    const calls: TrainingCall[] = [];
    const registry = createDetectorRegistry([...BUILT_IN_DETECTORS, spyDetector(calls)]);
    const run = await compareDetectors(t.app.store, registry, { corpus: 'lab', detectors: [{ name: 'spyTraining', params: { training: 'lab' } }], folds: 3, seed: 7, bootstrap: 10 }, limits);
    assert.equal(run.report.rows[0]!.crossValidated, true);
    assert.equal(calls.length, 6, 'each audio scored once');
    const all = [...audioIds].sort((a, b) => a - b);
    for (const call of calls) {
      const scored = frameCounts.get(call.frames)!;
      assert.ok(call.heldOut.includes(scored), 'the scored audio is held out');
      assert.deepEqual(call.trained.filter((id) => call.heldOut.includes(id)), [], 'nothing held out is trained on');
      assert.deepEqual([...call.trained, ...call.heldOut].sort((a, b) => a - b), all, 'everything else is trained on');
    }
    const folds = new Set(calls.map((c) => c.heldOut.join(',')));
    assert.equal(folds.size, 3);
    assert.deepEqual([...folds].flatMap((f) => f.split(',').map(Number)).sort((a, b) => a - b), all, 'the folds partition the corpus');
  });

  it('runs token enrichment cross-validated through the API, differently from training on another corpus', async () => {
    const cv = dataOf(await execute(t.app, CompareDetectorsDocument, { corpus: 'lab', detectors: [{ name: 'tokenEnrichment', params: { training: 'lab' } }], folds: 3, bootstrap: 20 })).compareDetectors;
    assert.equal(cv.rows[0]!.crossValidated, true);
    assert.ok(cv.rows[0]!.frame.auroc.value! > 0.5, 'burst frames rank above the rest on held-out audio');
  });

  describe('misuse: a specific error and nothing stored', () => {
    const cases: [string, CompareDetectorsMutationVariables, string, RegExp][] = [
      ['an unknown detector', { corpus: 'lab', detectors: [{ name: 'keyLayerVariance' }, { name: 'nope' }] }, 'NOT_FOUND', /detectors\[1\]: no detector named "nope"; known detectors: keyLayerVariance/],
      ['a parameter of the wrong type', { corpus: 'lab', detectors: [{ name: 'keyLayerVariance', params: { percentile: 'high' } }] }, 'INVALID_ARGUMENT', /detectors\[0\]: parameter percentile of detector keyLayerVariance expects .*; received "high"/],
      ['a swept value out of range', { corpus: 'lab', detectors: [{ name: 'keyLayerVariance', sweep: { parameter: 'percentile', values: [90, 200] } }] }, 'INVALID_ARGUMENT', /detectors\[0\]: parameter percentile .*received 200/],
      ['65 configurations after sweep expansion', { corpus: 'lab', detectors: [{ name: 'keyLayerVariance', sweep: { parameter: 'threshold.k', values: Array.from({ length: 65 }, (_, i) => i + 1) }, threshold: { rule: 'robustZ' } }] }, 'LIMIT_EXCEEDED', /at most 64 configurations .*received 65/],
      ['too many bootstrap resamples', { corpus: 'lab', detectors: [{ name: 'keyLayerVariance' }], bootstrap: 2001 }, 'LIMIT_EXCEEDED', /bootstrap may be at most 2000; received 2001/],
      ['a single fold', { corpus: 'lab', detectors: [{ name: 'keyLayerVariance' }], folds: 1 }, 'INVALID_ARGUMENT', /folds must be an integer ≥ 2; received 1/],
      ['an unknown corpus', { corpus: 'nowhere', detectors: [{ name: 'keyLayerVariance' }] }, 'NOT_FOUND', /corpus "nowhere" does not exist/],
      ['an empty corpus', { corpus: 'empty', detectors: [{ name: 'keyLayerVariance' }] }, 'INVALID_ARGUMENT', /corpus "empty" holds no audio to evaluate/],
      ['an empty reference corpus', { corpus: 'lab', detectors: [{ name: 'tokenSurprisal', params: { reference: 'empty' } }] }, 'INVALID_ARGUMENT', /reference corpus "empty" holds no audio/],
      ['a model the corpus lacks', { corpus: 'lab', detectors: [{ name: 'keyLayerVariance' }], model: 'other' }, 'MODEL_MISMATCH', /corpus "lab" holds codes of fixture-plain-audio, not of other/],
      ['a sweep over an unknown option field', { corpus: 'lab', detectors: [{ name: 'keyLayerVariance', sweep: { parameter: 'layers.x', values: [1] } }] }, 'INVALID_ARGUMENT', /sweep\.parameter must be a parameter name or threshold\.<field>/],
    ];
    for (const [what, variables, code, message] of cases) {
      it(`rejects ${what} with ${code}`, async () => {
        const before = await runCount(t);
        onlyError(await execute(t.app, CompareDetectorsDocument, variables), code, message);
        assert.equal(await runCount(t), before, 'nothing stored');
      });
    }

    it('rejects a corpus mixing models unless model is given, and a reference corpus of another model', async () => {
      const codes = join(t.root, 'codes.json');
      await writeFile(codes, JSON.stringify(Array.from({ length: 60 }, (_, f) => Array.from({ length: 16 }, (_, l) => (f * 31 + l * 7) % 2048))));
      dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'codes', paths: [codes] }));
      const before = await runCount(t);
      onlyError(
        await execute(t.app, CompareDetectorsDocument, { corpus: 'lab', detectors: [{ name: 'tokenSurprisal', params: { reference: 'codes' } }], bootstrap: 5 }),
        'MODEL_MISMATCH',
        /reference corpus "codes" holds codes of .*, not of fixture-plain-audio/,
      );
      dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'lab', paths: [codes] }));
      onlyError(await execute(t.app, CompareDetectorsDocument, { corpus: 'lab', detectors: [{ name: 'keyLayerVariance' }], bootstrap: 5 }), 'MODEL_MISMATCH', /corpus "lab" holds codes of several models .*; pass model/);
      assert.equal(await runCount(t), before, 'nothing stored');
      const picked = dataOf(await execute(t.app, CompareDetectorsDocument, { corpus: 'lab', detectors: [{ name: 'keyLayerVariance' }], bootstrap: 5, model: MODEL })).compareDetectors;
      assert.equal(picked.audioCount, 6);
    });

    it('rejects a corpus without labels with INVALID_ARGUMENT saying how to add them', async () => {
      const codes = join(t.root, 'unlabelled.json');
      await writeFile(codes, JSON.stringify(Array.from({ length: 40 }, (_, f) => Array.from({ length: 16 }, (_, l) => (f * 13 + l * 5) % 2048))));
      dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'unlabelled', paths: [codes] }));
      const before = await runCount(t);
      onlyError(await execute(t.app, CompareDetectorsDocument, { corpus: 'unlabelled', detectors: [{ name: 'keyLayerVariance' }], bootstrap: 5 }), 'INVALID_ARGUMENT', /corpus unlabelled has no labels: a comparison needs labelled events .*tokenscope labels import/);
      assert.equal(await runCount(t), before, 'nothing stored');
    });

    it('rejects an unknown run with NOT_FOUND', async () => {
      onlyError(await execute(t.app, EvaluationRunDocument, { id: '999999' }), 'NOT_FOUND', /evaluation run 999999 does not exist/);
    });
  });

  it('deletes the runs of a deleted corpus', async () => {
    assert.ok((await runCount(t)) > 0);
    dataOf(await execute(t.app, DeleteCorpusDocument, { name: 'lab' }));
    assert.equal(await runCount(t), 0);
    onlyError(await execute(t.app, EvaluationRunDocument, { id: sweepRun.id }), 'NOT_FOUND');
  });
});

import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ClassifiedScores, Detector } from '../../src/analytics/detectors/detector.js';
import { BUILT_IN_DETECTORS, createDetectorRegistry } from '../../src/analytics/detectors/registry.js';
import { LIMITS } from '../../src/api/limits.js';
import {
  AddDetectionsToRunDocument,
  CompareDetectorsDocument,
  EvaluationRunDocument,
  ImportLabelsDocument,
  IngestCodesDocument,
  PairedDifferenceDocument,
} from '../../src/client/generated/graphql.js';
import type { EvaluationRunQuery, SedEvalScoresPartsFragment } from '../../src/client/generated/graphql.js';
import { tokenAt } from '../../src/domain/code-matrix.js';
import { compareDetectors } from '../../src/query/compare-detectors.js';
import { writeJsonl } from '../support/code-files.js';
import { dataOf, execute, onlyError } from '../support/graphql.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

const limits = { maxConfigurations: LIMITS.maxComparisonConfigurations, maxBootstrap: LIMITS.maxBootstrap, maxFolds: LIMITS.maxFolds };

/**
 * A class-aware test detector: layer 1 carries the answer. Token 0 is background (score 0), token 1
 * an event it calls `dog` (P = 0.8, cat 0.2), token 2 an event it calls `cat` (P = 0.7, dog 0.3).
 * A fixed threshold of 0.5 flags exactly the event frames.
 */
const fakeClassifier: Detector = {
  name: 'fakeClassifier',
  description: 'Scores 1 where layer 1 is non-zero; token 1 is a dog, token 2 a cat.',
  parameters: [],
  defaultThreshold: () => ({ rule: 'fixed', value: 0.5, comparison: 'GREATER_THAN' }),
  async score(matrix): Promise<ClassifiedScores> {
    const scores = new Float64Array(matrix.frames);
    const probabilities = new Float32Array(matrix.frames * 2); // columns: cat, dog
    for (let f = 0; f < matrix.frames; f++) {
      const token = tokenAt(matrix, f, 1);
      scores[f] = token > 0 ? 1 : 0;
      probabilities.set(token === 1 ? [0.2, 0.8] : token === 2 ? [0.7, 0.3] : [0.1, 0.1], f * 2);
    }
    return { scores, classes: { labels: ['cat', 'dog'], probabilities } };
  },
};

/** 50 frames (4 s) whose layer-1 token is `value` on the frame ranges given, 0 elsewhere; `salt` makes matrices differ. */
function rows(spans: readonly [number, number, number][], salt = 0): number[][] {
  return Array.from({ length: 50 }, (_, f) => {
    const span = spans.find(([start, end]) => f >= start && f < end);
    return Array.from({ length: 16 }, (_, l) => (l === 0 ? (span?.[2] ?? 0) : (f * 7 + l * 13 + salt) % 2048));
  });
}

const close = (actual: number | null | undefined, expected: number, what: string) => {
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) < 1e-12, `${what}: expected ${expected}, received ${actual}`);
};

const values = (s: SedEvalScoresPartsFragment) => ({ p: s.precision.value, r: s.recall.value, f1: s.f1.value, er: s.errorRate.value });

/** Records the audios each scoring held out of training; scores frame i as i mod 5. */
function heldOutSpy(calls: number[][]): Detector {
  return {
    name: 'heldOutSpy',
    description: 'Records the held-out audios.',
    parameters: [{ name: 'training', type: 'string', corpus: 'training', description: 'Training corpus.' }],
    defaultThreshold: () => ({ rule: 'percentile', percentile: 90 }),
    async score(matrix, _params, env) {
      calls.push([...(env.ctx.heldOutAudioIds ?? [])].sort((x, y) => x - y));
      return Float64Array.from({ length: matrix.frames }, (_, i) => i % 5);
    },
  };
}

describe('source-group folds and transfer rows', () => {
  let t: TestApp;
  const speakers = ['p1', 'p1', 'p1', 'p2', 'p2', 'p3', 'p4', 'p4'];
  let speakerOf: Map<number, string>;

  before(async () => {
    t = await createTestApp();
    const paths: string[] = [];
    for (const [i, speaker] of speakers.entries()) {
      const path = join(t.root, `v${i}.jsonl`);
      await writeFile(path, JSON.stringify({ audio: `v${i}.wav`, text: 'hi', speaker, audio_codes: rows([[10, 20, 1]], i) }) + '\n');
      paths.push(path);
    }
    dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'voices', paths }));
    dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'elsewhere', paths: [paths[0]!] }));
    const labels = join(t.root, 'labels.csv');
    await writeFile(labels, 'file,start_s,end_s,label\n' + speakers.map((_, i) => `v${i}.jsonl,0.8,1.6,dog\n`).join(''));
    dataOf(await execute(t.app, ImportLabelsDocument, { corpus: 'voices', path: labels, format: 'CSV' }));
    const elsewhere = join(t.root, 'elsewhere.csv');
    await writeFile(elsewhere, 'file,start_s,end_s,label\nv0.jsonl,0.8,1.6,dog\n');
    dataOf(await execute(t.app, ImportLabelsDocument, { corpus: 'elsewhere', path: elsewhere, format: 'CSV' }));
    const [corpus] = await t.app.store.corpora.requireByNames(['voices']);
    const audios = await t.app.store.audios.listByCorpus(corpus!.id, 100, 0);
    speakerOf = new Map(audios.map((a) => [a.id, a.metadata['speaker']!]));
  });
  after(async () => t.close());

  /** Checks that every held-out set is a union of whole speakers, and returns the distinct folds. */
  function checkWholeGroups(calls: number[][]): Set<string> {
    assert.equal(calls.length, speakers.length, 'every audio scored once');
    for (const heldOut of calls) {
      const held = new Set(heldOut.map((id) => speakerOf.get(id)));
      for (const [id, speaker] of speakerOf) assert.equal(heldOut.includes(id), held.has(speaker), `speaker ${speaker} is held out whole or not at all`);
    }
    return new Set(calls.map((c) => c.join(',')));
  }

  it('keeps every speaker within one fold with groupBy a metadata key', async () => {
    const calls: number[][] = [];
    const registry = createDetectorRegistry([...BUILT_IN_DETECTORS, heldOutSpy(calls)]);
    const run = await compareDetectors(t.app.store, registry, { corpus: 'voices', detectors: [{ name: 'heldOutSpy', params: { training: 'voices' } }], folds: 3, seed: 2, bootstrap: 5, groups: { kind: 'metadata', key: 'speaker' } }, limits);
    assert.equal(checkWholeGroups(calls).size, 3);
    assert.deepEqual([run.report.rows[0]!.protocol, run.report.rows[0]!.trainingCorpus, run.report.groupBy, run.report.groupCount], ['CROSS_VALIDATED', 'voices', 'speaker', 4]);
    const shown = dataOf(await execute(t.app, EvaluationRunDocument, { id: String(run.id) })).evaluationRun;
    assert.deepEqual([shown.groupBy, shown.groupsFile, shown.groupCount, shown.rows[0]!.protocol], ['speaker', null, 4, 'CROSS_VALIDATED']);
  });

  it('keeps every group of a file,group CSV within one fold, through the API', async () => {
    const groups = join(t.root, 'groups.csv');
    await writeFile(groups, 'file,group\n' + speakers.map((s, i) => `v${i}.jsonl,${s}`).join('\n') + '\n');
    const calls: number[][] = [];
    const registry = createDetectorRegistry([...BUILT_IN_DETECTORS, heldOutSpy(calls)]);
    const run = await compareDetectors(t.app.store, registry, { corpus: 'voices', detectors: [{ name: 'heldOutSpy', params: { training: 'voices' } }], folds: 5, seed: 1, bootstrap: 5, groups: { kind: 'file', path: groups } }, limits);
    assert.equal(checkWholeGroups(calls).size, 4, 'no more folds than groups');
    assert.deepEqual([run.report.groupsFile, run.report.groupBy], ['groups.csv', null]);
    const viaApi = dataOf(await execute(t.app, CompareDetectorsDocument, { corpus: 'voices', detectors: [{ name: 'tokenEnrichment', params: { training: 'voices' } }], bootstrap: 5, groups })).compareDetectors;
    assert.deepEqual([viaApi.groupsFile, viaApi.groupCount, viaApi.rows[0]!.protocol], ['groups.csv', 4, 'CROSS_VALIDATED']);
  });

  it('marks a configuration trained on another corpus as a TRANSFER row naming it', async () => {
    const run = dataOf(await execute(t.app, CompareDetectorsDocument, { corpus: 'voices', detectors: [{ name: 'tokenEnrichment', params: { training: 'elsewhere' } }, { name: 'keyLayerVariance' }], bootstrap: 5 })).compareDetectors;
    const byDetector = new Map(run.rows.map((r) => [r.detector, [r.protocol, r.trainingCorpus, r.crossValidated]]));
    assert.deepEqual(byDetector.get('tokenEnrichment'), ['TRANSFER', 'elsewhere', false]);
    assert.deepEqual(byDetector.get('keyLayerVariance'), ['NONE', null, false]);
  });

  describe('misuse', () => {
    it('rejects a metadata key some audios lack, naming them', async () => {
      onlyError(
        await execute(t.app, CompareDetectorsDocument, { corpus: 'voices', detectors: [{ name: 'keyLayerVariance' }], bootstrap: 5, groupBy: 'room' }),
        'INVALID_ARGUMENT',
        /groupBy: 8 of 8 audios have no metadata "room" to group by: "v0\.jsonl:1", "v1\.jsonl:1", .* and 3 more/,
      );
    });

    it('rejects a groups file that leaves audios out or names unknown ones, and both options at once', async () => {
      const partial = join(t.root, 'partial.csv');
      await writeFile(partial, 'file,group\nv0.jsonl,p1\n');
      onlyError(await execute(t.app, CompareDetectorsDocument, { corpus: 'voices', detectors: [{ name: 'keyLayerVariance' }], bootstrap: 5, groups: partial }), 'INVALID_ARGUMENT', /groups: .*partial\.csv gives no group to 7 of 8 audios: "v1\.jsonl:1", .* and 2 more/);
      const stray = join(t.root, 'stray-groups.csv');
      await writeFile(stray, 'file,group\nnobody.wav,p1\n');
      onlyError(await execute(t.app, CompareDetectorsDocument, { corpus: 'voices', detectors: [{ name: 'keyLayerVariance' }], bootstrap: 5, groups: stray }), 'INVALID_ARGUMENT', /groups: .*stray-groups\.csv line 2: "nobody\.wav" names no audio of the corpus; expected exactly one/);
      onlyError(await execute(t.app, CompareDetectorsDocument, { corpus: 'voices', detectors: [{ name: 'keyLayerVariance' }], bootstrap: 5, groups: partial, groupBy: 'speaker' }), 'INVALID_ARGUMENT', /give groupBy or groups, not both/);
    });
  });
});

describe('class-aware comparisons, external rows and paired bootstraps', () => {
  let t: TestApp;
  let run: EvaluationRunQuery['evaluationRun'];

  before(async () => {
    t = await createTestApp();
    // a: reference dog [0.8, 1.6) and cat [2.4, 3.2); the detector calls both dogs.
    // b: reference dog [0.8, 1.6); the detector calls it a cat, and adds a cat at [3.2, 3.6).
    const a = await writeJsonl(join(t.root, 'a.jsonl'), [rows([[10, 20, 1], [30, 40, 1]])]);
    const b = await writeJsonl(join(t.root, 'b.jsonl'), [rows([[10, 20, 2], [40, 45, 2]])]);
    dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'pets', paths: [a, b] }));
    const labels = join(t.root, 'labels.csv');
    await writeFile(labels, 'file,start_s,end_s,label\na.jsonl,0.8,1.6,dog\na.jsonl,2.4,3.2,cat\nb.jsonl,0.8,1.6,dog\n');
    dataOf(await execute(t.app, ImportLabelsDocument, { corpus: 'pets', path: labels, format: 'CSV' }));
    const registry = createDetectorRegistry([...BUILT_IN_DETECTORS, fakeClassifier]);
    const stored = await compareDetectors(t.app.store, registry, { corpus: 'pets', detectors: [{ name: 'fakeClassifier' }, { name: 'keyLayerVariance' }], folds: 2, seed: 1, bootstrap: 20 }, limits);
    run = dataOf(await execute(t.app, EvaluationRunDocument, { id: String(stored.id) })).evaluationRun;
  });
  after(async () => t.close());

  it('scores a class-aware row exactly as sed_eval, beside its class-agnostic scores', () => {
    const row = run.rows.find((r) => r.detector === 'fakeClassifier')!;
    // Class-agnostic: 3 references, 4 detections, every reference found: P 3/4, R 1, F1 6/7.
    close(row.event.f1.value, 6 / 7, 'class-agnostic event F1');
    const aware = row.classAware!;
    assert.deepEqual(aware.classes, ['cat', 'dog']);
    assert.equal(aware.files, 2);
    // Event-based overall: TP 1 (a's dog); a's cat called dog and b's dog called cat are
    // substitutions; b's extra cat an insertion. ER (2 + 0 + 1) / 3.
    assert.deepEqual(aware.overall.event.counts, { reference: 3, estimated: 4, truePositives: 1, substitutions: 2, deletions: 0, insertions: 1 });
    const ev = values(aware.overall.event);
    close(ev.p, 1 / 4, 'overall P');
    close(ev.r, 1 / 3, 'overall R');
    close(ev.f1, 2 / 7, 'overall F1');
    close(ev.er, 1, 'overall ER');
    const [cat, dog] = aware.classWise;
    assert.equal(cat!.label, 'cat');
    // dog: N 2, estimated 2, TP 1 → F1 0.5, ER (1 + 1) / 2; cat: N 1, estimated 2, TP 0 → F1 0, ER 3.
    assert.deepEqual(dog!.event.counts, { reference: 2, estimated: 2, truePositives: 1, substitutions: 0, deletions: 1, insertions: 1 });
    close(dog!.event.f1.value, 0.5, 'dog F1');
    close(dog!.event.errorRate.value, 1, 'dog ER');
    close(cat!.event.f1.value, 0, 'cat F1');
    close(cat!.event.errorRate.value, 3, 'cat ER');
    close(aware.classWiseAverage.event.f1.value, 0.25, 'macro F1');
    close(aware.classWiseAverage.event.errorRate.value, 2, 'macro ER');
    assert.equal(aware.classWiseAverage.event.counts, null);
    // Segment-based (1 s): a0, a1 hits; a2, a3, b0, b1 substitutions; b3 an insertion.
    assert.deepEqual(aware.overall.segment.counts, { reference: 6, estimated: 7, truePositives: 2, substitutions: 4, deletions: 0, insertions: 1 });
    close(aware.overall.segment.f1.value, 4 / 13, 'segment F1');
    close(aware.overall.segment.errorRate.value, 5 / 6, 'segment ER');
    close(dog!.segment.f1.value, 0.5, 'dog segment F1');
    const { value, low, high } = aware.overall.event.f1;
    assert.ok(low !== null && high !== null && low <= value! + 1e-12 && value! <= high + 1e-12, 'bootstrap interval around the point value');
  });

  it('leaves the class-aware scores of a class-agnostic detector null, and names every row\'s protocol', () => {
    const plain = run.rows.find((r) => r.detector === 'keyLayerVariance')!;
    assert.equal(plain.classAware, null);
    assert.deepEqual(run.rows.map((r) => [r.detector, r.protocol, r.trainingCorpus]).sort(), [['fakeClassifier', 'NONE', null], ['keyLayerVariance', 'NONE', null]]);
  });

  it('reads back a run stored before class-aware scores, protocols and per-file counts, and refuses a paired bootstrap on it', async () => {
    const row = { ...run.rows[0]!, thresholdRule: {}, segmenter: {} } as Record<string, unknown>;
    delete row['classAware'];
    delete row['protocol'];
    delete row['trainingCorpus'];
    const parameters = { training: 'elsewhere' };
    const report = { model: run.model, folds: 5, seed: 1, bootstrap: 20, audioCount: 2, eventCount: 3, classes: ['cat', 'dog'], rows: [{ ...row, configuration: 'old', parameters, crossValidated: false }] };
    const [corpus] = await t.app.store.corpora.requireByNames(['pets']);
    const old = await t.app.store.evaluationRuns.create(corpus!.id, 'old', { corpus: 'pets', detectors: [] }, report);
    const reopened = dataOf(await execute(t.app, EvaluationRunDocument, { id: String(old.id) })).evaluationRun;
    assert.deepEqual([reopened.rows[0]!.classAware, reopened.rows[0]!.protocol, reopened.rows[0]!.trainingCorpus, reopened.groupBy], [null, 'TRANSFER', 'elsewhere', null]);
    onlyError(await execute(t.app, PairedDifferenceDocument, { id: String(old.id), a: 'old', b: '1' }), 'INVALID_ARGUMENT', /a: row "old" of run \d+ was stored without per-file counts .*run the comparison again/);
    onlyError(await execute(t.app, AddDetectionsToRunDocument, { run: String(old.id), path: join(t.root, 'labels.csv'), name: 'x' }), 'INVALID_ARGUMENT', /evaluation run \d+ was stored before runs kept their reference labels/);
  });

  it('finds no difference between a row and itself, and a paired interval between two rows', async () => {
    const same = dataOf(await execute(t.app, PairedDifferenceDocument, { id: run.id, a: '1', b: '1', iterations: 50 })).evaluationRun.pairedDifference;
    assert.deepEqual([same.eventF1.difference, same.eventF1.low, same.eventF1.high, same.frameAuroc.difference, same.frameAuroc.low, same.frameAuroc.high], [0, 0, 0, 0, 0, 0]);
    const both = dataOf(await execute(t.app, PairedDifferenceDocument, { id: run.id, a: 'fakeClassifier {}', b: 'keyLayerVariance {}', iterations: 50 })).evaluationRun.pairedDifference;
    const rowA = run.rows.find((r) => r.detector === 'fakeClassifier')!;
    const rowB = run.rows.find((r) => r.detector === 'keyLayerVariance')!;
    close(both.eventF1.a, rowA.event.f1.value!, 'a F1 from per-file counts equals the row');
    close(both.eventF1.b, rowB.event.f1.value!, 'b F1 from per-file counts equals the row');
    close(both.frameAuroc.a, rowA.frame.auroc.value!, 'a AUROC from pair wins equals the row');
    close(both.frameAuroc.b, rowB.frame.auroc.value!, 'b AUROC from pair wins equals the row');
    close(both.eventF1.difference, rowA.event.f1.value! - rowB.event.f1.value!, 'difference');
    assert.ok(both.eventF1.low! <= both.eventF1.difference! + 1e-12 && both.eventF1.difference! <= both.eventF1.high! + 1e-12);
    assert.equal(both.iterations, 50);
    onlyError(await execute(t.app, PairedDifferenceDocument, { id: run.id, a: 'nope', b: '1' }), 'NOT_FOUND', /a: run \d+ has no row "nope"; give a configuration or a rank 1\.\.2/);
    onlyError(await execute(t.app, PairedDifferenceDocument, { id: run.id, a: '1', b: '2', iterations: 5000 }), 'LIMIT_EXCEEDED', /iterations may be at most 2000; received 5000/);
  });

  describe('external detections as a row', () => {
    it('scores a DCASE file against the run\'s reference and adds it as an EXTERNAL, class-aware row', async () => {
      const path = join(t.root, 'theirs.txt');
      // Right on both of a's events, nothing in b: TP 2 of 3.
      await writeFile(path, 'a.wav\t0.8\t1.6\tdog\na.wav\t2.4\t3.2\tcat\nb.wav\n');
      const updated = dataOf(await execute(t.app, AddDetectionsToRunDocument, { run: run.id, path, name: 'their system' })).addDetectionsToRun;
      assert.equal(updated.rows.length, 3);
      const row = updated.rows.find((r) => r.configuration === 'their system')!;
      assert.deepEqual([row.protocol, row.detector, row.crossValidated, row.frame.auroc.value, row.thresholdRule], ['EXTERNAL', 'external', false, null, {}]);
      close(row.event.precision.value, 1, 'precision');
      close(row.event.recall.value, 2 / 3, 'recall');
      assert.deepEqual(row.classAware!.overall.event.counts, { reference: 3, estimated: 2, truePositives: 2, substitutions: 0, deletions: 1, insertions: 0 });
      assert.deepEqual(updated.rows.slice(0, 2).map((r) => r.configuration), ['fakeClassifier {}', 'their system'], 'ranked by event F1: 6/7, then 0.8');
      const vs = dataOf(await execute(t.app, PairedDifferenceDocument, { id: run.id, a: 'their system', b: 'fakeClassifier {}', iterations: 20 })).evaluationRun.pairedDifference;
      close(vs.eventF1.difference, 0.8 - 6 / 7, 'event F1 difference');
      assert.deepEqual([vs.frameAuroc.a, vs.frameAuroc.difference], [null, null], 'no frame scores, no AUROC difference');
    });

    it('rejects detections naming files the run does not hold, naming them, and changes nothing', async () => {
      const path = join(t.root, 'stray.txt');
      await writeFile(path, 'a.wav\t0.8\t1.6\tdog\nzebra.wav\t1\t2\tdog\nyak.wav\t1\t2\tdog\n');
      const before = dataOf(await execute(t.app, EvaluationRunDocument, { id: run.id })).evaluationRun;
      onlyError(await execute(t.app, AddDetectionsToRunDocument, { run: run.id, path, name: 'stray' }), 'INVALID_ARGUMENT', /detections .*stray\.txt name 2 files that run \d+'s audios do not include: "zebra", "yak"/);
      assert.deepEqual(dataOf(await execute(t.app, EvaluationRunDocument, { id: run.id })).evaluationRun, before);
    });

    it('rejects a name a row already has with ALREADY_EXISTS, and a path outside the data roots', async () => {
      const path = join(t.root, 'theirs.txt');
      onlyError(await execute(t.app, AddDetectionsToRunDocument, { run: run.id, path, name: 'their system' }), 'ALREADY_EXISTS', /run \d+ already has a row named "their system"/);
      onlyError(await execute(t.app, AddDetectionsToRunDocument, { run: run.id, path: '/etc/passwd', name: 'x' }), 'PATH_OUTSIDE_ROOTS');
      onlyError(await execute(t.app, AddDetectionsToRunDocument, { run: '99999', path, name: 'x' }), 'NOT_FOUND', /evaluation run 99999 does not exist/);
    });
  });
});

import assert from 'node:assert/strict';
import { cp, readdir, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  AttachDatasetDocument,
  AudioLabelsDocument,
  CodeWindowDocument,
  ColdTokensDocument,
  CompareDetectorsDocument,
  CorporaDocument,
  CorpusLabelsDocument,
  DeleteAudioDocument,
  DeleteCorpusDocument,
  DeleteEvaluationRunDocument,
  EvaluationRunsDocument,
  RunStabilityDocument,
  DetachDatasetDocument,
  DetectDocument,
  ExportDatasetDocument,
  ImportDatasetDocument,
  IngestCodesDocument,
  LayerStatsDocument,
  SetAudioLabelsDocument,
  TokenFrequenciesDocument,
} from '../../src/client/generated/graphql.js';
import { loadSettings } from '../../src/config/settings.js';
import { attachDataset } from '../../src/datasets/attach-dataset.js';
import { ErrorCode } from '../../src/errors.js';
import { createApp } from '../../src/main.js';
import { ATTACHED_ID_BASE } from '../../src/store/attached-ids.js';
import { remapRunReport } from '../../src/store/remap-run.js';
import { storeDatasetFixture } from '../support/dataset-fixture.js';
import { dataOf, execute, literally, onlyError } from '../support/graphql.js';
import { repoRoot } from '../support/paths.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

/** Every file under `dir` with its size and modification time. */
async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(dir, { recursive: true })).map(String).sort()) {
    const s = await stat(join(dir, entry));
    if (s.isFile()) out.push(`${entry} ${s.size} ${s.mtimeMs}`);
  }
  return out;
}

/** The answers of corpus `lab` (with reference `ref`) that an attached copy must give exactly, audios named by content sha256. */
async function answers(t: TestApp, prefix: string): Promise<unknown> {
  const lab = `${prefix}lab`;
  const ref = `${prefix}ref`;
  const store = t.app.store;
  const shaOf = async (id: string) => (await store.audios.require(Number(id))).contentSha256;
  const stats = dataOf(await execute(t.app, LayerStatsDocument, { corpora: [lab, ref], top: 10 })).layerStats;
  const cold = dataOf(await execute(t.app, ColdTokensDocument, { reference: ref, target: lab, limit: 50, occurrences: 5 })).coldTokens;
  const frequencies = dataOf(await execute(t.app, TokenFrequenciesDocument, { corpus: lab, layer: 3, first: 100 })).tokenFrequencies;
  const labels = dataOf(await execute(t.app, AudioLabelsDocument, { corpus: lab })).audios.nodes;
  const windows: Record<string, unknown> = {};
  const detections: Record<string, unknown> = {};
  for (const node of labels) {
    const sha = await shaOf(node.id);
    windows[sha] = { ...dataOf(await execute(t.app, CodeWindowDocument, { id: node.id, startFrame: 5, frameCount: 40 })).audio!.codes, id: null };
    const d = dataOf(await execute(t.app, DetectDocument, { audioId: node.id, detector: { name: 'coldTokens', params: { reference: ref } } })).detect;
    detections[sha] = JSON.parse(JSON.stringify({ ...d, audioId: null }).replaceAll(JSON.stringify(ref), '"<reference>"'));
  }
  return {
    stats: { ...stats, corpora: null },
    cold: await Promise.all(cold.map(async (c) => ({ ...c, occurrences: await Promise.all(c.occurrences.map(async (o) => ({ ...o, audio: await shaOf(o.audio.id) }))) }))),
    frequencies,
    labels: await Promise.all(labels.map(async (n) => ({ ...n, id: await shaOf(n.id) }))),
    windows,
    detections,
  };
}

describe('attached Parquet datasets: read in place, read-only', () => {
  let t: TestApp;
  let ds: string;
  let native: unknown;

  before(async () => {
    t = await createTestApp();
    await storeDatasetFixture(t.app.store);
    ds = join(t.root, 'ds');
    dataOf(await execute(t.app, ExportDatasetDocument, { out: ds, corpora: ['lab', 'ref'] }));
    native = await answers(t, '');
    const attached = dataOf(await execute(t.app, AttachDatasetDocument, { path: ds, name: 'pub' })).attachDataset;
    assert.deepEqual(attached.corpora, ['pub/lab', 'pub/ref']);
  });
  after(async () => {
    await t.close();
  });

  it('lists the attached corpora beside the native ones, flagged, with their dataset and its path', async () => {
    const corpora = dataOf(await execute(t.app, CorporaDocument, {})).corpora;
    assert.deepEqual(
      corpora.map((c) => [c.name, c.attached, c.dataset, c.datasetPath, c.audioCount, c.frameCount]),
      [
        ['lab', false, null, null, 5, 50 + 61 + 72 + 83 + 94],
        ['pub/lab', true, 'pub', ds, 5, 50 + 61 + 72 + 83 + 94],
        ['pub/ref', true, 'pub', ds, 3, 60 + 67 + 74],
        ['ref', false, null, null, 3, 60 + 67 + 74],
      ],
    );
    for (const c of corpora.filter((x) => x.attached)) assert.ok(Number(c.id) >= ATTACHED_ID_BASE, `${c.name} id ${c.id}`);
  });

  it('answers layerStats, coldTokens, token frequencies, labels, code windows and detections of the attached corpus exactly as of the native one', async () => {
    assert.deepEqual(await answers(t, 'pub/'), native);
  });

  it('exports the labels of an attached corpus as the native one, a track per audio', async () => {
    const tracks = async (corpus: string) => dataOf(await execute(t.app, CorpusLabelsDocument, { corpus, format: 'AUDACITY' })).corpusLabels.map((f) => [f.content, f.audioId! >= ATTACHED_ID_BASE]);
    const native = await tracks('lab');
    assert.equal(native.length, 5);
    assert.deepEqual(await tracks('pub/lab'), native.map(([content]) => [content, true]));
  });

  it('reads the evaluation runs of an attached corpus as the native ones, their audios named by attached ids, and refuses to delete them', async () => {
    const store = t.app.store;
    const [lab] = await store.corpora.findByNames(['lab']);
    const nativeRuns = await store.evaluationRuns.list(lab!.id);
    const attachedRuns = await store.evaluationRuns.list(store.attached.corpus('pub/lab')!.id);
    assert.equal(nativeRuns.length, 1);
    assert.equal(attachedRuns.length, 1);
    const [n, a] = [nativeRuns[0]!, attachedRuns[0]!];
    assert.ok(a.id >= ATTACHED_ID_BASE, `run id ${a.id}`);
    // The same report once every audio reference is replaced by the place of its content sha256.
    const shas: string[] = [];
    const bySha = async (report: Record<string, unknown>) => {
      const ids = new Set<number>();
      remapRunReport(report, (id) => (ids.add(id), id));
      const names = new Map<number, number>();
      for (const id of ids) {
        const sha = (await store.audios.require(id)).contentSha256;
        if (!shas.includes(sha)) shas.push(sha);
        names.set(id, shas.indexOf(sha));
      }
      assert.ok(ids.size > 0, 'the run names audios');
      return remapRunReport(report, names);
    };
    assert.deepEqual(await bySha(a.report), await bySha(n.report));
    assert.deepEqual([a.name, a.spec, a.createdAt], [n.name, n.spec, n.createdAt]);
    assert.deepEqual(await store.evaluationRuns.require(a.id), a);
    assert.ok((await store.evaluationRuns.list()).some((r) => r.id === a.id), 'listed among all runs');
    const listed = dataOf(await execute(t.app, EvaluationRunsDocument, { corpus: 'pub/lab' })).evaluationRuns;
    assert.deepEqual(listed.map((r) => [r.id, r.corpus.name, r.audioCount]), [[String(a.id), 'pub/lab', 5]]);
    onlyError(await execute(t.app, DeleteEvaluationRunDocument, { id: String(a.id) }), ErrorCode.READ_ONLY_CORPUS, literally('corpus "pub/lab" is attached read-only'));
    assert.equal((await store.evaluationRuns.list(store.attached.corpus('pub/lab')!.id)).length, 1);
  });

  it('merges an attached and a native corpus in one layerStats (counts and sums add up)', async () => {
    const both = dataOf(await execute(t.app, LayerStatsDocument, { corpora: ['lab', 'pub/lab'] })).layerStats;
    const one = dataOf(await execute(t.app, LayerStatsDocument, { corpora: ['lab'] })).layerStats;
    assert.equal(both.audioCount, 10);
    assert.equal(both.frameCount, 2 * one.frameCount);
    assert.deepEqual(both.layers.map((l) => [l.tokenCount, l.mean, l.distinctTokens]), one.layers.map((l) => [2 * l.tokenCount, l.mean, l.distinctTokens]));
  });

  describe('refuses writes to an attached corpus with READ_ONLY_CORPUS, naming it, and keeps what it holds', () => {
    it('ingest into it', async () => {
      onlyError(await execute(t.app, IngestCodesDocument, { corpus: 'pub/lab', paths: [join(t.root, 'x.jsonl')] }), ErrorCode.READ_ONLY_CORPUS, literally('corpus "pub/lab" is attached read-only (dataset "pub")'));
    });
    it('delete it, or one of its audios', async () => {
      onlyError(await execute(t.app, DeleteCorpusDocument, { name: 'pub/lab' }), ErrorCode.READ_ONLY_CORPUS, literally('corpus "pub/lab" is attached read-only'));
      const [audio] = dataOf(await execute(t.app, AudioLabelsDocument, { corpus: 'pub/lab' })).audios.nodes;
      onlyError(await execute(t.app, DeleteAudioDocument, { id: audio!.id }), ErrorCode.READ_ONLY_CORPUS, literally(`corpus "pub/lab" is attached read-only (dataset "pub"); deleting (audio ${audio!.id}) needs a native corpus`));
    });
    it('measure and store its token stability', async () => {
      onlyError(await execute(t.app, RunStabilityDocument, { corpus: 'pub/lab', perturbations: ['gain:db=0'], model: null }), ErrorCode.READ_ONLY_CORPUS, literally('corpus "pub/lab" is attached read-only (dataset "pub"); storing a stability run needs a native corpus'));
    });
    it('set its labels', async () => {
      const [audio] = dataOf(await execute(t.app, AudioLabelsDocument, { corpus: 'pub/lab' })).audios.nodes;
      const outcome = await execute(t.app, SetAudioLabelsDocument, { corpus: 'pub/lab', audioLabels: [{ audioId: audio!.id, labels: [{ startSeconds: 0, endSeconds: 1, label: 'x' }] }] });
      onlyError(outcome, ErrorCode.READ_ONLY_CORPUS, literally(`corpus "pub/lab" is attached read-only (dataset "pub"); setting labels (audio ${audio!.id}) needs a native corpus`));
    });
    it('store an evaluation run of it', async () => {
      onlyError(await execute(t.app, CompareDetectorsDocument, { corpus: 'pub/lab', detectors: [{ name: 'changeRate', params: {} }], folds: 2, seed: 1, bootstrap: 10 }), ErrorCode.READ_ONLY_CORPUS, literally('corpus "pub/lab" is attached read-only'), /storing an evaluation run/);
    });
    it('still answers as before', async () => {
      assert.deepEqual(await answers(t, 'pub/'), native);
    });
  });

  it('refuses a damaged dataset with the message import gives', async () => {
    const bad = join(t.root, 'ds-bad');
    await cp(ds, bad, { recursive: true });
    await rm(join(bad, 'labels'), { recursive: true });
    const imported = onlyError(await execute(t.app, ImportDatasetDocument, { path: bad }), ErrorCode.INVALID_DATASET);
    const attached = onlyError(await execute(t.app, AttachDatasetDocument, { path: bad, name: 'bad' }), ErrorCode.INVALID_DATASET);
    assert.equal(attached.message, imported.message);
    assert.match(attached.message, /table labels is missing/);
    assert.equal(dataOf(await execute(t.app, CorporaDocument, {})).corpora.length, 4);
  });

  it('refuses a second dataset under a name already attached (ALREADY_EXISTS) and a bad name (INVALID_ARGUMENT)', async () => {
    onlyError(await execute(t.app, AttachDatasetDocument, { path: ds, name: 'pub' }), ErrorCode.ALREADY_EXISTS, literally('a dataset is already attached as "pub"'));
    onlyError(await execute(t.app, AttachDatasetDocument, { path: ds, name: 'a/b' }), ErrorCode.INVALID_ARGUMENT, literally('dataset name must be 1–64 letters'));
  });

  it('refuses a read of a file changed since attaching with DATASET_CHANGED naming the file; other corpora still answer', async () => {
    const copy = join(t.root, 'ds-changed');
    await cp(ds, copy, { recursive: true, preserveTimestamps: true });
    dataOf(await execute(t.app, AttachDatasetDocument, { path: copy, name: 'chg' }));
    const folder = join(copy, 'corpus_token_counts', 'corpus=lab');
    const [modelFolder] = await readdir(folder);
    const [file] = await readdir(join(folder, modelFolder!));
    const changed = join(folder, modelFolder!, file!);
    await utimes(changed, new Date(), new Date(Date.now() + 5000));
    const error = onlyError(await execute(t.app, LayerStatsDocument, { corpora: ['chg/lab'] }), ErrorCode.DATASET_CHANGED, literally(`attached dataset "chg": file ${changed}`), /detach the dataset and attach it again/);
    assert.equal(error.extensions?.['table'], 'corpus_token_counts');
    // Its frames are unchanged: code windows still read; the other dataset and the native corpora are untouched.
    const [audio] = dataOf(await execute(t.app, AudioLabelsDocument, { corpus: 'chg/lab' })).audios.nodes;
    dataOf(await execute(t.app, CodeWindowDocument, { id: audio!.id, startFrame: 0, frameCount: 10 }));
    assert.deepEqual(await answers(t, 'pub/'), native);
    assert.deepEqual(await answers(t, ''), native);
    dataOf(await execute(t.app, DetachDatasetDocument, { name: 'chg' }));
  });

  it('detaches: the corpora disappear and the dataset files are left as they were', async () => {
    const copy = join(t.root, 'ds-detach');
    await cp(ds, copy, { recursive: true, preserveTimestamps: true });
    const before = await filesUnder(copy);
    dataOf(await execute(t.app, AttachDatasetDocument, { path: copy, name: 'gone' }));
    assert.ok(dataOf(await execute(t.app, CorporaDocument, {})).corpora.some((c) => c.name === 'gone/lab'));
    const detached = dataOf(await execute(t.app, DetachDatasetDocument, { name: 'gone' })).detachDataset;
    assert.deepEqual(detached.corpora, ['gone/lab', 'gone/ref']);
    assert.deepEqual(dataOf(await execute(t.app, CorporaDocument, {})).corpora.map((c) => c.name), ['lab', 'pub/lab', 'pub/ref', 'ref']);
    onlyError(await execute(t.app, LayerStatsDocument, { corpora: ['gone/lab'] }), ErrorCode.NOT_FOUND, literally('corpus "gone/lab" does not exist'));
    onlyError(await execute(t.app, DetachDatasetDocument, { name: 'gone' }), ErrorCode.NOT_FOUND, literally('no dataset is attached as "gone"; attached: "pub"'));
    assert.deepEqual(await filesUnder(copy), before);
  });
});

describe('an attachment survives reopening the store', () => {
  it('lists the attached corpora and answers the same statistics after a restart', async () => {
    const t = await createTestApp();
    try {
      await storeDatasetFixture(t.app.store);
      const ds = join(t.root, 'ds');
      dataOf(await execute(t.app, ExportDatasetDocument, { out: ds, corpora: ['lab', 'ref'] }));
      const expected = dataOf(await execute(t.app, LayerStatsDocument, { corpora: ['lab', 'ref'], top: 10 })).layerStats;
      const settings = loadSettings({ dbPath: join(t.root, 'db.duckdb'), dataRoots: [t.root], apiKey: null, host: '127.0.0.1', port: 0, device: 'cpu' }, {}, repoRoot());
      const first = await createApp(settings);
      try {
        await attachDataset(first.store, ds, 'pub');
      } finally {
        await first.close();
      }
      const second = await createApp(settings);
      try {
        assert.deepEqual(dataOf(await execute(second, CorporaDocument, {})).corpora.map((c) => c.name), ['pub/lab', 'pub/ref']);
        const stats = dataOf(await execute(second, LayerStatsDocument, { corpora: ['pub/lab', 'pub/ref'], top: 10 })).layerStats;
        assert.deepEqual({ ...stats, corpora: null }, { ...expected, corpora: null });
      } finally {
        await second.close();
      }
    } finally {
      await t.close();
    }
  });
});

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AudioStabilityDocument, CorpusStabilityDocument, DeleteAudioDocument, RunStabilityDocument } from '../../src/client/generated/graphql.js';
import type { RunStabilityMutation } from '../../src/client/generated/graphql.js';
import { readAllAudio24k } from '../../src/audio/read-audio.js';
import { LAYER_COUNT } from '../../src/domain/contract.js';
import { codeMatrix } from '../../src/domain/code-matrix.js';
import { versionedTransaction } from '../../src/store/data-versions.js';
import { storeMatrices } from '../../src/store/matrix-writer.js';
import { fixtureCodes } from '../../scripts/fixtures/make-fixture-models.js';
import { parse } from 'graphql';
import { dataOf, execute, onlyError } from '../support/graphql.js';
import { FIXTURE_MODEL, ingestAudioFolder } from '../support/ingest-audio.js';
import { repoRoot } from '../support/paths.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { testSignal, writeWav } from '../support/wav.js';

type Run = RunStabilityMutation['runStability'][number];

/** Per-layer frames keeping their fixture token when `x` is scaled by 10^(db/20), computed here from the fixture model's formula. */
function expectedAgreeing(x: Float32Array, db: number): number[] {
  const gain = 10 ** (db / 20);
  const scaled = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) scaled[i] = x[i]! * gain;
  const a = fixtureCodes(x);
  const b = fixtureCodes(scaled);
  const agreeing = new Array<number>(LAYER_COUNT).fill(0);
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) agreeing[i % LAYER_COUNT]!++;
  return agreeing;
}

describe('token stability through the API', () => {
  let t: TestApp;
  let folder: string;
  let ids: number[];
  const run = async (perturbations: string[], corpus = 'tones'): Promise<Run[]> => dataOf(await execute(t.app, RunStabilityDocument, { corpus, perturbations, model: null })).runStability;

  before(async () => {
    t = await createTestApp({ modelsDir: join(repoRoot(), 'test', 'fixtures', 'models') });
    folder = join(t.root, 'tones');
    await mkdir(folder);
    for (const [i, seconds] of [2, 3, 1.5].entries()) await writeWav(join(folder, `t${i}.wav`), testSignal(seconds, 24000, i + 1), 24000);
    ids = await ingestAudioFolder(t, 'tones', folder);
    // Codes of the same model with no audio file behind them: skipped and counted.
    const [corpus] = await t.app.services.store.corpora.requireByNames(['tones']);
    await versionedTransaction(t.app.services.store.db, (tx) =>
      storeMatrices(tx, [{ corpusId: corpus!.id, model: FIXTURE_MODEL, contentSha256: 'codes-only', sourcePath: 'codes.jsonl', sourceLine: 1, text: null, metadata: {}, matrix: codeMatrix(new Uint16Array(5 * LAYER_COUNT)) }]),
    );
  });
  after(() => t.close());

  it('finds every token again under a 0 dB gain, on every layer of every audio file, and counts the codes-only audio as skipped', async () => {
    const [r] = await run(['gain:db=0']);
    assert.equal(r!.perturbation, 'gain:db=0');
    assert.equal(r!.model, FIXTURE_MODEL);
    assert.deepEqual([r!.audios, r!.audiosWithoutSource, r!.audiosSourceMissing, r!.audiosOtherEncoder], [3, 1, 0, 0]);
    // 2 s, 3 s and 1.5 s: 25 + 38 + 19 frames.
    assert.equal(r!.frames, 82);
    assert.deepEqual(r!.layers.map((l) => l.agreement), new Array(LAYER_COUNT).fill(1));
    assert.deepEqual(r!.layers.map((l) => l.unitEditDistance), new Array(LAYER_COUNT).fill(0));
  });

  it('counts, per layer, exactly the frames whose fixture token survives a -6 dB gain, summed over the audios', async () => {
    const [r] = await run(['gain:db=-6']);
    const files = await Promise.all([0, 1, 2].map((i) => readAllAudio24k(join(folder, `t${i}.wav`))));
    const expected = files.map((x) => expectedAgreeing(x, -6)).reduce((sum, a) => sum.map((v, i) => v + a[i]!));
    assert.deepEqual(r!.layers.map((l) => l.agreeing), expected);
    assert.ok(expected.every((n) => n < 82), 'a -6 dB gain changes some fixture tokens on every layer');
    assert.ok(r!.layers.every((l) => l.agreement! < 1 && l.edits > 0));
  });

  it('keeps each audio\'s counts, which add up to the corpus run', async () => {
    const stored = dataOf(await execute(t.app, CorpusStabilityDocument, { corpus: 'tones', perturbation: 'gain:db=-6', model: null })).corpus.stability;
    assert.equal(stored.length, 1);
    const perAudio = await Promise.all(ids.map(async (id) => dataOf(await execute(t.app, AudioStabilityDocument, { id: String(id), perturbation: 'gain:db=-6' })).audio.stability));
    assert.deepEqual(perAudio.map((a) => a.length), [1, 1, 1]);
    assert.deepEqual(perAudio.map((a) => a[0]!.frames), [25, 38, 19]);
    const sums = perAudio.map((a) => a[0]!.layers.map((l) => l.agreeing)).reduce((s, a) => s.map((v, i) => v + a[i]!));
    const [corpusRun] = await run(['gain:db=-6']);
    assert.deepEqual(corpusRun!.layers.map((l) => l.agreeing), sums);
  });

  it('answers Audio.stability for a page of audios, each with its own measurements', async () => {
    const page = parse('{ corpus(name: "tones") { audios(first: 10) { nodes { id stability(perturbation: "gain:db=-6") { frames perturbation } } } } }');
    const { corpus } = dataOf(await execute<{ corpus: { audios: { nodes: { id: string; stability: { frames: number; perturbation: string }[] }[] } } }, Record<string, never>>(t.app, page, {}));
    assert.deepEqual(corpus.audios.nodes.map((n) => n.stability.map((s) => s.frames)), [[25], [38], [19], []]);
    assert.deepEqual(corpus.audios.nodes.slice(0, 3).map((n) => Number(n.id)), ids);
  });

  it('replaces the run of the same perturbation, however it is spelled, and keeps the others', async () => {
    const before = dataOf(await execute(t.app, CorpusStabilityDocument, { corpus: 'tones', perturbation: null, model: null })).corpus.stability;
    const [again] = await run([' gain:db=0.0 ']);
    const after = dataOf(await execute(t.app, CorpusStabilityDocument, { corpus: 'tones', perturbation: null, model: null })).corpus.stability;
    assert.deepEqual(after.map((r) => r.perturbation).sort(), before.map((r) => r.perturbation).sort());
    const zero = after.filter((r) => r.perturbation === 'gain:db=0');
    assert.deepEqual(zero.map((r) => r.id), [again!.id]);
    assert.ok(!before.some((r) => r.id === again!.id));
  });

  it('filters by a perturbation written in any spelling of it', async () => {
    await run(['noise:snr=10', 'noise:snr=10,seed=3']);
    const found = dataOf(await execute(t.app, CorpusStabilityDocument, { corpus: 'tones', perturbation: 'noise:colour=white,snr=10', model: null })).corpus.stability;
    assert.deepEqual(found.map((r) => r.perturbation), ['noise:snr=10,colour=white,seed=0']);
    assert.ok(found[0]!.layers.some((l) => l.agreement! < 1));
  });

  it('drops a deleted audio from the runs of its corpus', async () => {
    const folder2 = join(t.root, 'two');
    await mkdir(folder2);
    for (const i of [0, 1]) await writeWav(join(folder2, `u${i}.wav`), testSignal(2.5, 24000, 10 + i), 24000);
    const [first] = await ingestAudioFolder(t, 'two', folder2);
    await run(['gain:db=-3'], 'two');
    dataOf(await execute(t.app, DeleteAudioDocument, { id: String(first) }));
    const [left] = dataOf(await execute(t.app, CorpusStabilityDocument, { corpus: 'two', perturbation: 'gain:db=-3', model: null })).corpus.stability;
    assert.deepEqual([left!.audios, left!.frames], [1, 32]);
    assert.deepEqual(await t.app.services.store.checkIntegrity(), []);
  });

  it('counts an audio whose file changed since the ingest as skipped, and measures the others', async () => {
    const folder3 = join(t.root, 'three');
    await mkdir(folder3);
    for (const i of [0, 1]) await writeWav(join(folder3, `v${i}.wav`), testSignal(2.5, 24000, 20 + i), 24000);
    await ingestAudioFolder(t, 'three', folder3);
    await writeWav(join(folder3, 'v1.wav'), testSignal(2.5, 24000, 99), 24000);
    const [r] = await run(['gain:db=0'], 'three');
    assert.deepEqual([r!.audios, r!.audiosSourceMissing, r!.frames], [1, 1, 32]);
  });

  /** Stores, in corpus `name` (created when absent), an audio "encoded" from a file by another build of the fixture model. */
  const storeOtherBuild = async (name: string): Promise<void> => {
    const store = t.app.services.store;
    await versionedTransaction(store.db, async (tx) => {
      const corpus = await store.corpora.ensureIn(tx, name);
      return storeMatrices(tx, [{
        corpusId: corpus.id, model: FIXTURE_MODEL, modelSha256: 'f'.repeat(64), contentSha256: `old-${name}`, sourcePath: join(folder, 't0.wav'), sourceLine: null, text: null, metadata: {},
        audioSource: { format: 'wav/pcm_s16le', sampleRate: 24000, channels: 1, samples24k: 48000 }, matrix: codeMatrix(new Uint16Array(25 * LAYER_COUNT)),
      }]);
    });
  };

  it('counts an audio encoded by another build of the model as skipped', async () => {
    const folder4 = join(t.root, 'four');
    await mkdir(folder4);
    await writeWav(join(folder4, 'w.wav'), testSignal(2.5, 24000, 30), 24000);
    await ingestAudioFolder(t, 'builds', folder4);
    await storeOtherBuild('builds');
    const [r] = await run(['gain:db=0'], 'builds');
    assert.deepEqual([r!.audios, r!.audiosOtherEncoder, r!.audiosWithoutSource, r!.frames], [1, 1, 0, 32]);
  });

  describe('misuse', () => {
    it('refuses a bad perturbation with INVALID_ARGUMENT naming it, storing nothing', async () => {
      const before = dataOf(await execute(t.app, CorpusStabilityDocument, { corpus: 'tones', perturbation: null, model: null })).corpus.stability;
      onlyError(await execute(t.app, RunStabilityDocument, { corpus: 'tones', perturbations: ['gain:db=-1', 'noise:snr=loud'], model: null }), 'INVALID_ARGUMENT', /noise:snr=loud/, /snr must be a number/);
      onlyError(await execute(t.app, RunStabilityDocument, { corpus: 'tones', perturbations: [], model: null }), 'INVALID_ARGUMENT', /at least one/);
      const after = dataOf(await execute(t.app, CorpusStabilityDocument, { corpus: 'tones', perturbation: null, model: null })).corpus.stability;
      assert.deepEqual(after.map((r) => r.id), before.map((r) => r.id));
    });

    it('answers NOT_FOUND for an unknown corpus', async () => {
      onlyError(await execute(t.app, RunStabilityDocument, { corpus: 'nowhere', perturbations: ['gain:db=0'], model: null }), 'NOT_FOUND', /corpus "nowhere" does not exist/);
    });

    it('answers MODEL_MISMATCH for a model the corpus does not hold', async () => {
      onlyError(await execute(t.app, RunStabilityDocument, { corpus: 'tones', perturbations: ['gain:db=0'], model: 'tokenscope-ref-v2' }), 'MODEL_MISMATCH', /holds codes of fixture-plain-audio, not of tokenscope-ref-v2/);
    });

    it('refuses babble in a corpus with no other audio file to draw it from', async () => {
      const alone = join(t.root, 'alone');
      await mkdir(alone);
      await writeWav(join(alone, 'a.wav'), testSignal(1, 24000, 5), 24000);
      await ingestAudioFolder(t, 'alone', alone);
      onlyError(await execute(t.app, RunStabilityDocument, { corpus: 'alone', perturbations: ['noise:snr=10,colour=babble'], model: null }), 'INVALID_ARGUMENT', /babble/, /no other readable audio file/);
    });

    it('refuses a corpus of codes only with INVALID_ARGUMENT saying stability needs the audio files', async () => {
      const [corpus] = [await t.app.services.store.corpora.create('codes')];
      await versionedTransaction(t.app.services.store.db, (tx) =>
        storeMatrices(tx, [{ corpusId: corpus.id, model: FIXTURE_MODEL, contentSha256: 'c', sourcePath: 'c.jsonl', sourceLine: 1, text: null, metadata: {}, matrix: codeMatrix(new Uint16Array(3 * LAYER_COUNT)) }]),
      );
      onlyError(await execute(t.app, RunStabilityDocument, { corpus: 'codes', perturbations: ['gain:db=0'], model: null }), 'INVALID_ARGUMENT', /holds no audio of model fixture-plain-audio encoded here from a file \(1 ingested as codes\)/);
    });

    it('answers MODEL_MISMATCH when every audio file was encoded by another build of the model', async () => {
      await storeOtherBuild('old-build');
      onlyError(await execute(t.app, RunStabilityDocument, { corpus: 'old-build', perturbations: ['gain:db=0'], model: null }), 'MODEL_MISMATCH', /all 1 audio files of model fixture-plain-audio were encoded by another build of it \(sha256 ffffffffffff…\)/, /re-ingest them/);
    });

    it('refuses a filter that is no perturbation', async () => {
      onlyError(await execute(t.app, CorpusStabilityDocument, { corpus: 'tones', perturbation: 'louder', model: null }), 'INVALID_ARGUMENT', /unknown kind "louder"/);
    });
  });
});

import 'reflect-metadata';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, realpath, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'graphql';
import { CreateCorpusDocument, IngestCodesDocument } from '../../src/client/generated/graphql.js';
import { CODEBOOK_COLOURS_COST } from '../../src/api/resolvers/embedding-space.resolver.js';
import { TOKEN_COUNT_TABLE_COST } from '../../src/api/resolvers/stats.resolver.js';
import { operationCost } from '../../src/api/operation-cost.js';
import { createSchema } from '../../src/api/schema.js';
import { randomRows, seededRandom, writeJsonl } from '../support/code-files.js';
import type { Rows } from '../support/code-files.js';
import { dataOf, execute, onlyError } from '../support/graphql.js';
import { rawRequest, serve } from '../support/http.js';
import type { Served } from '../support/http.js';
import { FIXTURE_MODEL, ingestAudioFolder } from '../support/ingest-audio.js';
import { codebooksNpyBytes } from '../../src/codebooks/codebooks-npy.js';
import { addModel } from '../../src/tokenizer/add-model.js';
import { addModelCodebooks } from '../../src/tokenizer/model-codebooks.js';
import { fixturePath } from '../unit/tokenizer/fixture-signal.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { testSignal, writeWav } from '../support/wav.js';

const KEY = 'a-test-key-that-is-long-enough';
const MEDIA = parse('query($id: ID!) { audio(id: $id) { mediaUrl mediaUnavailable { reason message dataRoot } } }');
const TABLE = parse('query($corpus: String!, $model: String!) { tokenCountTable(corpus: $corpus, model: $model) { corpus model layerTotals counts } }');
const COLOURS = parse('query($model: String!) { codebookColours(model: $model) { model method layers entries encoding data } }');

interface Media {
  audio: { mediaUrl: string | null; mediaUnavailable: { reason: string; message: string; dataRoot: string | null } | null };
}
interface Table {
  tokenCountTable: { corpus: string; model: string; layerTotals: number[]; counts: number[][] };
}
interface Colours {
  codebookColours: { model: string; method: string; layers: number; entries: number; encoding: string; data: string };
}

describe('the audio view\'s API fields', () => {
  let t: TestApp;
  let served: Served;
  let outside: string;
  let modelsDir = '';
  const ids: Record<'playable' | 'moved' | 'missing' | 'codes', string> = { playable: '', moved: '', missing: '', codes: '' };
  let rows: Rows;

  before(async () => {
    outside = await realpath(await mkdtemp(join(tmpdir(), 'tokenscope-outside-')));
    // The fixture model, and a copy of it with random codebooks (D = 4).
    modelsDir = await mkdtemp(join(tmpdir(), 'tokenscope-colour-models-'));
    await addModel(fixturePath(FIXTURE_MODEL, 'model.onnx'), { modelsDir, id: FIXTURE_MODEL });
    await addModel(fixturePath(FIXTURE_MODEL, 'model.onnx'), { modelsDir, id: 'hand' });
    const random = seededRandom(11);
    await writeFile(join(modelsDir, 'hand.npy'), codebooksNpyBytes(16, 2048, 4, Float32Array.from({ length: 16 * 2048 * 4 }, () => random() - 0.5)));
    await addModelCodebooks(modelsDir, 'hand', join(modelsDir, 'hand.npy'));
    t = await createTestApp({ apiKey: KEY, modelsDir, defaultModel: FIXTURE_MODEL });
    const folder = join(t.root, 'wav');
    await mkdir(folder);
    for (const [i, name] of ['a', 'b', 'c'].entries()) await writeWav(join(folder, `${name}.wav`), testSignal(1 + i * 0.1, 16_000), 16_000);
    [ids.playable, ids.moved, ids.missing] = (await ingestAudioFolder(t, 'w', folder)).map(String) as [string, string, string];
    // b.wav now lives outside the data roots, reached through a symlink left in its place; c.wav is gone.
    await rename(join(folder, 'b.wav'), join(outside, 'b.wav'));
    await symlink(join(outside, 'b.wav'), join(folder, 'b.wav'));
    await unlink(join(folder, 'c.wav'));
    rows = randomRows(seededRandom(7), 300);
    const file = await writeJsonl(join(t.root, 'codes.jsonl'), [rows]);
    ids.codes = String(dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'codes', paths: [file], model: null, orientation: null, skipBadItems: false })).ingestCodes.files[0]!.audioIds[0]);
    served = await serve(t.app);
  });
  after(async () => {
    await served?.close();
    await t?.close();
    await rm(outside, { recursive: true, force: true });
    await rm(modelsDir, { recursive: true, force: true });
  });

  const media = async (id: string) => dataOf(await execute<Media, Record<string, unknown>>(t.app, MEDIA, { id })).audio;
  const anonymousMedia = async (id: string): Promise<Media['audio']> => {
    const res = await rawRequest(served.origin, '/graphql', { method: 'POST', body: Buffer.from(JSON.stringify({ query: 'query($id: ID!) { audio(id: $id) { mediaUrl mediaUnavailable { reason message dataRoot } } }', variables: { id } })), headers: { 'content-type': 'application/json' } });
    assert.equal(res.status, 200, res.body.toString());
    return (JSON.parse(res.body.toString()) as { data: Media }).data.audio;
  };

  describe('mediaUrl and mediaUnavailable', () => {
    it('gives a media URL and no reason to an audio whose file lies inside the data roots', async () => {
      assert.deepEqual(await media(ids.playable), { mediaUrl: `/media/audio/${ids.playable}`, mediaUnavailable: null });
    });

    it('says CODES_ONLY for ingested codes', async () => {
      const m = await media(ids.codes);
      assert.equal(m.mediaUrl, null);
      assert.deepEqual(m.mediaUnavailable, { reason: 'CODES_ONLY', message: 'No original audio to play: this code matrix was ingested from codes computed elsewhere.', dataRoot: null });
    });

    it('says OUTSIDE_DATA_ROOTS with the folder --data-root would need, to a trusted caller', async () => {
      const m = await media(ids.moved);
      assert.equal(m.mediaUrl, null);
      assert.equal(m.mediaUnavailable?.reason, 'OUTSIDE_DATA_ROOTS');
      assert.equal(m.mediaUnavailable?.dataRoot, outside);
      assert.match(m.mediaUnavailable!.message, new RegExp(`start the server with --data-root ${outside} \\(or a folder above it\\)`));
    });

    it('names no folder to an anonymous reader', async () => {
      const m = await anonymousMedia(ids.moved);
      assert.deepEqual(m, { mediaUrl: null, mediaUnavailable: { reason: 'OUTSIDE_DATA_ROOTS', message: 'The original audio cannot be played: its file lies outside the folders this server may read.', dataRoot: null } });
      assert.equal((await anonymousMedia(ids.playable)).mediaUrl, `/media/audio/${ids.playable}`);
    });

    it('says FILE_MISSING for a file deleted since the ingest, as the media route answers 404', async () => {
      const m = await media(ids.missing);
      assert.deepEqual(m, { mediaUrl: null, mediaUnavailable: { reason: 'FILE_MISSING', message: 'The original audio cannot be played: its file is no longer where it was ingested from.', dataRoot: null } });
      assert.equal((await rawRequest(served.origin, `/media/audio/${ids.missing}`, { method: 'GET' })).status, 404);
      assert.equal((await rawRequest(served.origin, `/media/audio/${ids.moved}`, { method: 'GET' })).status, 403);
    });
  });

  describe('tokenCountTable', () => {
    it('answers every token\'s occurrences in every layer, matching the matrix', async () => {
      const table = dataOf(await execute<Table, Record<string, unknown>>(t.app, TABLE, { corpus: 'codes', model: 'external:qwen3-tts-tokenizer-12hz' })).tokenCountTable;
      assert.equal(table.counts.length, 16);
      assert.deepEqual(table.layerTotals, new Array(16).fill(300));
      const expected = Array.from({ length: 16 }, () => new Array<number>(2048).fill(0));
      for (const frame of rows) frame.forEach((token, l) => expected[l]![token]!++);
      assert.deepEqual(table.counts, expected);
    });

    it('refuses an unknown corpus, an empty one and one without codes of the model, naming the argument', async () => {
      onlyError(await execute(t.app, TABLE, { corpus: 'nope', model: 'm' }), 'NOT_FOUND', /"nope"/);
      dataOf(await execute(t.app, CreateCorpusDocument, { name: 'empty' }));
      onlyError(await execute(t.app, TABLE, { corpus: 'empty', model: FIXTURE_MODEL }), 'INVALID_ARGUMENT', /^corpus "empty" holds no audio$/);
      onlyError(await execute(t.app, TABLE, { corpus: 'codes', model: FIXTURE_MODEL }), 'MODEL_MISMATCH', new RegExp(`^corpus "codes" holds codes of external:qwen3-tts-tokenizer-12hz, not of ${FIXTURE_MODEL}`));
    });
  });

  describe('codebookColours', () => {
    it('answers 16 × 2048 RGB colours of a model with codebooks, the same on every call', async () => {
      const c = dataOf(await execute<Colours, Record<string, unknown>>(t.app, COLOURS, { model: 'hand' })).codebookColours;
      assert.deepEqual([c.model, c.method, c.layers, c.entries, c.encoding], ['hand', 'pca3', 16, 2048, 'rgb8-base64']);
      const bytes = Buffer.from(c.data, 'base64');
      assert.equal(bytes.length, 16 * 2048 * 3);
      assert.ok(new Set(bytes.subarray(0, 2048 * 3)).size > 100, 'layer 1 spreads over many shades');
      const again = dataOf(await execute<Colours, Record<string, unknown>>(t.app, COLOURS, { model: 'hand' })).codebookColours;
      assert.equal(again.data, c.data);
    });

    it('answers NOT_FOUND for a model without codebooks and for an id of ingested codes', async () => {
      onlyError(await execute(t.app, COLOURS, { model: FIXTURE_MODEL }), 'NOT_FOUND', new RegExp(`^model '${FIXTURE_MODEL}' has no codebooks`));
      onlyError(await execute(t.app, COLOURS, { model: 'external:qwen3-tts-tokenizer-12hz' }), 'NOT_FOUND', /an id of ingested codes/);
    });
  });

  it('prices the new fields as their docs say', async () => {
    const schema = await createSchema();
    const cost = (q: string) => operationCost(schema, parse(q), null, {});
    assert.equal(cost('{ tokenCountTable(corpus: "c", model: "m") { counts } }'), TOKEN_COUNT_TABLE_COST + 1);
    assert.equal(cost('{ codebookColours(model: "m") { data } }'), Math.round(CODEBOOK_COLOURS_COST) + 1);
    assert.equal(cost('{ audio(id: "1") { mediaUrl mediaUnavailable { reason } } }') - cost('{ audio(id: "1") { id } }'), 2 + 2 + 1 - 1);
  });
});

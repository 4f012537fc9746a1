import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CodeEmbeddingsDocument, IngestCodesDocument, LayerEnergiesDocument, PackedEmbeddingsDocument } from '../../src/client/generated/graphql.js';
import { dequantize } from '../../src/codebooks/dequantize.js';
import { layerContribution } from '../../src/codebooks/layer-contribution.js';
import { codeMatrix } from '../../src/domain/code-matrix.js';
import { readModelCodebooks } from '../../src/tokenizer/model-codebooks.js';
import { loadModel } from '../../src/tokenizer/model-registry.js';
import { repoRoot } from '../support/paths.js';
import { randomRows, seededRandom, writeJsonl } from '../support/code-files.js';
import type { Rows } from '../support/code-files.js';
import { dataOf, execute, onlyError } from '../support/graphql.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { REFERENCE_MODEL_ID } from '../../src/config/settings.js';

describe('the embeddings of a codes window', () => {
  let t: TestApp;
  let rows: Rows;
  let withCodebooks: string;
  let without: string;
  let long: string;

  before(async () => {
    t = await createTestApp();
    rows = randomRows(seededRandom(41), 30);
    const path = await writeJsonl(join(t.root, 'emb.jsonl'), [rows]);
    const ingest = async (corpus: string, model?: string) =>
      String(dataOf(await execute(t.app, IngestCodesDocument, { corpus, paths: [path], ...(model ? { model } : {}) })).ingestCodes.files[0]!.audioIds[0]);
    withCodebooks = await ingest('ref', REFERENCE_MODEL_ID);
    without = await ingest('other', 'no-such-model');
    const longPath = await writeJsonl(join(t.root, 'long.jsonl'), [randomRows(seededRandom(43), 1100)]);
    long = String(dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'long', paths: [longPath], model: REFERENCE_MODEL_ID })).ingestCodes.files[0]!.audioIds[0]);
  });
  after(() => t?.close());

  it('sums the codebook vectors of the model that encoded the audio, over layers 1..layers', async () => {
    const codebooks = await readModelCodebooks(await loadModel(join(repoRoot(), 'models'), REFERENCE_MODEL_ID));
    const matrix = codeMatrix(Uint16Array.from(rows.slice(5, 15).flat()));
    for (const layers of [16, 3]) {
      const codes = dataOf(await execute(t.app, CodeEmbeddingsDocument, { id: withCodebooks, startFrame: 5, frameCount: 10, layers })).audio.codes;
      assert.equal(codes.embeddings.length, 10);
      const e = dequantize(matrix, codebooks, layers);
      assert.deepEqual(codes.embeddings.flat(), Array.from(e));
    }
  });

  it('answers the residual energy of each layer of codes ingested from JSONL under a model with codebooks, as reading the frames gives', async () => {
    const codebooks = await readModelCodebooks(await loadModel(join(repoRoot(), 'models'), REFERENCE_MODEL_ID));
    const expected = layerContribution(codeMatrix(Uint16Array.from(rows.flat())), codebooks).mean;
    const c = dataOf(await execute(t.app, LayerEnergiesDocument, { corpus: 'ref' })).corpus;
    for (const energies of [c.layers.map((l) => l.residualEnergy!), c.audios.nodes[0]!.layers.map((l) => l.residualEnergy!)]) {
      energies.forEach((e, l) => assert.ok(Math.abs(e - expected[l]!) <= 1e-12 * expected[l]!, `layer ${l + 1}: ${e} ≠ ${expected[l]}`));
    }
    const other = dataOf(await execute(t.app, LayerEnergiesDocument, { corpus: 'other' })).corpus;
    assert.ok(other.layers.every((l) => l.residualEnergy === null), 'no codebooks: null');
  });

  it('packs the same embeddings, bit for bit, as little-endian float32 in base64, for windows of up to 4096 frames', async () => {
    const json = dataOf(await execute(t.app, CodeEmbeddingsDocument, { id: long, startFrame: 3, frameCount: 1024, layers: 5 })).audio.codes.embeddings;
    const packed = dataOf(await execute(t.app, PackedEmbeddingsDocument, { id: long, startFrame: 3, frameCount: 1024, layers: 5 })).audio.codes.packedEmbeddings;
    assert.deepEqual([packed.frames, packed.dim, packed.encoding], [1024, 72, 'float32le-base64']);
    const bytes = Buffer.from(packed.data, 'base64');
    const values = Array.from({ length: bytes.length / 4 }, (_, i) => bytes.readFloatLE(i * 4));
    assert.deepEqual(values, json.flat());
    assert.equal(dataOf(await execute(t.app, PackedEmbeddingsDocument, { id: long, frameCount: 4096 })).audio.codes.packedEmbeddings.frames, 1100);
    onlyError(await execute(t.app, PackedEmbeddingsDocument, { id: without, frameCount: 10 }), 'NOT_FOUND', /no model 'no-such-model'/);
  });

  it('answers NOT_FOUND for an audio whose model has no codebooks', async () => {
    onlyError(await execute(t.app, CodeEmbeddingsDocument, { id: without, frameCount: 10 }), 'NOT_FOUND', /no model 'no-such-model'/);
  });

  it('refuses more than 1024 frames and a layer count outside 1..16', async () => {
    onlyError(await execute(t.app, CodeEmbeddingsDocument, { id: long, frameCount: 2000 }), 'LIMIT_EXCEEDED', /^frameCount may be at most 1024; received 1100$/);
    assert.equal(dataOf(await execute(t.app, CodeEmbeddingsDocument, { id: long, frameCount: 1024 })).audio.codes.embeddings.length, 1024);
    onlyError(await execute(t.app, CodeEmbeddingsDocument, { id: withCodebooks, frameCount: 10, layers: 17 }), 'LIMIT_EXCEEDED', /^layers may be at most 16; received 17$/);
  });
});

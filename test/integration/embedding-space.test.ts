import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CorpusDistanceDocument, CreateCorpusDocument, IngestCodesDocument, LayerEnergiesDocument, TokenNeighboursDocument } from '../../src/client/generated/graphql.js';
import { codebooksNpyBytes } from '../../src/codebooks/codebooks-npy.js';
import { addModel } from '../../src/tokenizer/add-model.js';
import { addModelCodebooks } from '../../src/tokenizer/model-codebooks.js';
import type { Rows } from '../support/code-files.js';
import { writeJsonl } from '../support/code-files.js';
import { dataOf, execute, onlyError } from '../support/graphql.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { fixturePath } from '../unit/tokenizer/fixture-signal.js';

/** A frame whose layer-1 token is `token1` and every other token 0. */
const frame = (token1: number): number[] => [token1, ...new Array<number>(15).fill(0)];
/** Two corpora that differ in one token: layer 1 of their second frame. */
const A: Rows = [frame(0), frame(1)];
const B: Rows = [frame(0), frame(2)];

/**
 * Codebooks with D = 2 where layer 1 maps token 1 to (1, 0) and token 2 to (0, 1), and every other
 * vector is zero, so the figures can be worked out by hand:
 * - residual energy of layer 1: (‖c[0]‖² + ‖c[1]‖²) / 2 = 0.5 for A (and for A and B together), 0 in layers 2..16;
 * - JSD of layer 1: {0: ½, 1: ½} against {0: ½, 2: ½}, M = {0: ½, 1: ¼, 2: ¼}: ½·(½·log2 2) + ½·(½·log2 2) = 0.5 bits;
 * - embeddings: A = {(0,0), (1,0)}, B = {(0,0), (0,1)}: ‖μA − μB‖ = ‖(½, −½)‖ = √½;
 *   sample covariances diag(½, 0) and diag(0, ½), whose product is 0: Fréchet = ½ + ½ + ½ = 1.5.
 */
function handCodebooks(): Uint8Array {
  const vectors = new Float32Array(16 * 2048 * 2);
  vectors.set([1, 0], 1 * 2);
  vectors.set([0, 1], 2 * 2);
  return codebooksNpyBytes(16, 2048, 2, vectors);
}

describe('codebook figures in the API: residual energy per layer, token neighbours, corpus distances', () => {
  let t: TestApp;
  let modelsDir = '';

  before(async () => {
    modelsDir = await mkdtemp(join(tmpdir(), 'tokenscope-embedding-space-'));
    await addModel(fixturePath('fixture-plain-audio', 'model.onnx'), { modelsDir, id: 'hand' });
    await addModel(fixturePath('fixture-plain-audio', 'model.onnx'), { modelsDir, id: 'bare' });
    await writeFile(join(modelsDir, 'hand.npy'), handCodebooks());
    await addModelCodebooks(modelsDir, 'hand', join(modelsDir, 'hand.npy'));
    t = await createTestApp({ modelsDir });
    const a = await writeJsonl(join(t.root, 'a.jsonl'), [A]);
    const b = await writeJsonl(join(t.root, 'b.jsonl'), [B]);
    const ingest = async (corpus: string, path: string, model: string) => dataOf(await execute(t.app, IngestCodesDocument, { corpus, paths: [path], model }));
    await ingest('a', a, 'hand');
    await ingest('b', b, 'hand');
    await ingest('both', a, 'hand');
    await ingest('both', b, 'hand');
    await ingest('bare-a', a, 'bare');
    await ingest('bare-b', b, 'bare');
    await ingest('unregistered', a, 'nowhere');
    await ingest('mixed', a, 'hand');
    await ingest('mixed', b, 'bare');
    dataOf(await execute(t.app, CreateCorpusDocument, { name: 'empty' }));
  });
  after(async () => {
    await t?.close();
    await rm(modelsDir, { recursive: true, force: true });
  });

  describe('Layer.residualEnergy and residualEnergyShare', () => {
    it('answer per audio and per corpus the mean ‖c_L[token]‖² and its share, worked out by hand', async () => {
      for (const corpus of ['a', 'both']) {
        const c = dataOf(await execute(t.app, LayerEnergiesDocument, { corpus })).corpus;
        assert.deepEqual(c.layers.map((l) => [l.number, l.residualEnergy, l.residualEnergyShare]), [[1, 0.5, 1], ...Array.from({ length: 15 }, (_, i) => [i + 2, 0, 0])], corpus);
        for (const audio of c.audios.nodes) assert.deepEqual(audio.layers.map((l) => l.residualEnergy), [0.5, ...new Array(15).fill(0)]);
      }
    });

    it('comes from the stored token counts: answering a corpus reads no matrix', async () => {
      const audios = t.app.services.store.audios;
      const window = audios.window;
      audios.window = () => Promise.reject(new Error('a matrix was read'));
      try {
        const c = dataOf(await execute(t.app, LayerEnergiesDocument, { corpus: 'both', first: 1 })).corpus;
        assert.equal(c.layers[0]!.residualEnergy, 0.5);
      } finally {
        audios.window = window;
      }
    });

    it('is null, with no error and every other field answered, for a model without codebooks, an unregistered one, or a corpus mixing one in', async () => {
      for (const [corpus, model] of [['bare-a', null], ['unregistered', null], ['mixed', null], ['mixed', 'bare']] as const) {
        const outcome = await execute(t.app, LayerEnergiesDocument, { corpus, model });
        const c = dataOf(outcome).corpus;
        assert.equal(c.layers.length, 16);
        assert.ok(c.layers.every((l) => l.residualEnergy === null && l.residualEnergyShare === null), `${corpus} ${model}`);
      }
      const mixed = dataOf(await execute(t.app, LayerEnergiesDocument, { corpus: 'mixed', model: 'hand' })).corpus;
      assert.equal(mixed.layers[0]!.residualEnergy, 0.5, 'restricted to the model with codebooks');
      assert.deepEqual(mixed.audios.nodes.map((a) => a.layers[0]!.residualEnergy), [0.5, null]);
    });
  });

  describe('tokenNeighbours', () => {
    it('lists the nearest codebook entries with their distances, the token itself left out', async () => {
      const n = dataOf(await execute(t.app, TokenNeighboursDocument, { model: 'hand', layer: 1, token: 1, k: 3 })).tokenNeighbours;
      assert.deepEqual(n, [
        { token: 0, distance: 1, cosineSimilarity: null },
        { token: 3, distance: 1, cosineSimilarity: null },
        { token: 4, distance: 1, cosineSimilarity: null },
      ]);
      const two = dataOf(await execute(t.app, TokenNeighboursDocument, { model: 'hand', layer: 1, token: 2, k: 100 })).tokenNeighbours;
      assert.deepEqual(two.at(-1), { token: 101, distance: 1, cosineSimilarity: null });
      assert.ok(!two.some((x) => x.token === 1), 'token 1 lies at √2, beyond 2,046 zero vectors at 1');
    });

    describe('misuse', () => {
      it('answers INVALID_ARGUMENT naming a bad layer, token or k', async () => {
        onlyError(await execute(t.app, TokenNeighboursDocument, { model: 'hand', layer: 17, token: 1 }), 'INVALID_ARGUMENT', /^layer: expected an integer from 1 to 16; received 17$/);
        onlyError(await execute(t.app, TokenNeighboursDocument, { model: 'hand', layer: 1, token: -1 }), 'INVALID_ARGUMENT', /^token: expected an integer from 0 to 2047; received -1$/);
        onlyError(await execute(t.app, TokenNeighboursDocument, { model: 'hand', layer: 1, token: 1, k: 101 }), 'INVALID_ARGUMENT', /^k: expected an integer from 1 to 100; received 101$/);
      });

      it('answers NOT_FOUND for an unknown model, and for one without codebooks with the command that adds them', async () => {
        onlyError(await execute(t.app, TokenNeighboursDocument, { model: 'nowhere', layer: 1, token: 1 }), 'NOT_FOUND', /^no model 'nowhere'/);
        onlyError(await execute(t.app, TokenNeighboursDocument, { model: 'bare', layer: 1, token: 1 }), 'NOT_FOUND', /^model 'bare' has no codebooks; add them with `tokenscope models add-codebooks bare /);
      });
    });
  });

  describe('corpusDistance', () => {
    it('gives the hand-worked figures for two corpora that differ in one token, the same with a and b swapped', async () => {
      const ab = dataOf(await execute(t.app, CorpusDistanceDocument, { a: 'a', b: 'b' })).corpusDistance;
      assert.deepEqual([ab.a.name, ab.b.name, ab.model, ab.framesA, ab.framesB, ab.embeddingDim], ['a', 'b', 'hand', 2, 2, 2]);
      assert.deepEqual(ab.layers.map((l) => [l.number, l.jensenShannonBits]), [[1, 0.5], ...Array.from({ length: 15 }, (_, i) => [i + 2, 0])]);
      assert.ok(Math.abs(ab.meanEmbeddingDistance! - Math.SQRT1_2) < 1e-15, String(ab.meanEmbeddingDistance));
      assert.ok(Math.abs(ab.frechetDistance! - 1.5) < 1e-12, String(ab.frechetDistance));
      const ba = dataOf(await execute(t.app, CorpusDistanceDocument, { a: 'b', b: 'a' })).corpusDistance;
      assert.deepEqual([ba.layers, ba.meanEmbeddingDistance, ba.frechetDistance], [ab.layers, ab.meanEmbeddingDistance, ab.frechetDistance]);
    });

    it('is 0 from a corpus to itself (the Fréchet distance to rounding)', async () => {
      const d = dataOf(await execute(t.app, CorpusDistanceDocument, { a: 'both', b: 'both', layers: [1] })).corpusDistance;
      assert.deepEqual([d.layers, d.meanEmbeddingDistance], [[{ number: 1, jensenShannonBits: 0 }], 0]);
      assert.ok(d.frechetDistance! >= 0 && d.frechetDistance! < 1e-12, String(d.frechetDistance));
    });

    it('fits each corpus once per fingerprint: asked again it reads no matrix, and new audio is read', async () => {
      dataOf(await execute(t.app, CorpusDistanceDocument, { a: 'a', b: 'both' }));
      const audios = t.app.services.store.audios;
      const window = audios.window;
      let reads = 0;
      audios.window = (...args) => {
        reads++;
        return window.apply(audios, args);
      };
      try {
        const again = dataOf(await execute(t.app, CorpusDistanceDocument, { a: 'both', b: 'a' })).corpusDistance;
        assert.equal(reads, 0);
        assert.ok(again.frechetDistance! > 0);
        dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'both', paths: [await writeJsonl(join(t.root, 'c.jsonl'), [[frame(7)]])], model: 'hand' }));
        const grown = dataOf(await execute(t.app, CorpusDistanceDocument, { a: 'a', b: 'both' })).corpusDistance;
        assert.equal(reads, 3, 'the grown corpus is streamed again, the other is not');
        assert.equal(grown.framesB, 5);
      } finally {
        audios.window = window;
      }
    });

    it('answers the token-count part and null embedding figures for a model without codebooks', async () => {
      const d = dataOf(await execute(t.app, CorpusDistanceDocument, { a: 'bare-a', b: 'bare-b', layers: [1, 2] })).corpusDistance;
      assert.deepEqual([d.model, d.layers.map((l) => l.jensenShannonBits), d.embeddingDim, d.meanEmbeddingDistance, d.frechetDistance], ['bare', [0.5, 0], null, null, null]);
    });

    describe('misuse', () => {
      it('answers NOT_FOUND for an unknown corpus and MODEL_MISMATCH for corpora of no common model', async () => {
        onlyError(await execute(t.app, CorpusDistanceDocument, { a: 'a', b: 'nope' }), 'NOT_FOUND', /nope/);
        onlyError(await execute(t.app, CorpusDistanceDocument, { a: 'a', b: 'bare-b' }), 'MODEL_MISMATCH', /^corpora "a" \(hand\) and "bare-b" \(bare\) hold codes of no common model$/);
        onlyError(await execute(t.app, CorpusDistanceDocument, { a: 'a', b: 'bare-b', model: 'hand' }), 'MODEL_MISMATCH', /^b corpus "bare-b" holds codes of bare, not of hand$/);
      });

      it('answers INVALID_ARGUMENT for an empty corpus and for an ambiguous model', async () => {
        onlyError(await execute(t.app, CorpusDistanceDocument, { a: 'a', b: 'empty' }), 'INVALID_ARGUMENT', /^b corpus "empty" holds no audio$/);
        onlyError(await execute(t.app, CorpusDistanceDocument, { a: 'mixed', b: 'mixed' }), 'INVALID_ARGUMENT', /^model: corpora "mixed" and "mixed" both hold codes of bare, hand; pass one of them$/);
        onlyError(await execute(t.app, CorpusDistanceDocument, { a: 'a', b: 'b', layers: [0] }), 'INVALID_ARGUMENT', /^layers: layer 0 is outside 1\.\.16$/);
      });
    });
  });
});

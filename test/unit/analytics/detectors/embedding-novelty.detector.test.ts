import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILT_IN_DETECTORS, createDetectorRegistry } from '../../../../src/analytics/detectors/registry.js';
import type { DetectorContext } from '../../../../src/analytics/detectors/detector.js';
import { ErrorCode, notFound } from '../../../../src/errors.js';
import { assertRejectsCode } from '../../../support/errors.js';
import { handCodebooks } from '../../../support/hand-codebooks.js';
import { frameRow, matrixFromRows } from '../../../support/matrices.js';
import { memoryDetectorContext } from '../../../support/memory-detector-context.js';
import type { MemoryAudio } from '../../../support/memory-detector-context.js';

// Layer 1: token 1 → (1, 1), 2 → (−1, −1), 3 → (1, 0), 4 → (−1, 0), 6 → (2, 2), 8 → (3, 2); layer 2: token 9 → (5, 5).
// A reference of tokens 1 2 3 4 has mean 0 and Σ = [[1, 0.5], [0.5, 0.5]], Σ⁻¹ = [[2, −2], [−2, 4]].
const codebooks = handCodebooks(2, { '1:1': [1, 1], '1:2': [-1, -1], '1:3': [1, 0], '1:4': [-1, 0], '1:6': [2, 2], '1:8': [3, 2], '2:9': [5, 5] });
const layerOne = (...tokens: number[]) => matrixFromRows(tokens.map((t) => frameRow(0, { 1: t })));
const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} vs ${expected}`);
const registry = createDetectorRegistry(BUILT_IN_DETECTORS, { codebooks: async () => codebooks });
const MODEL = { id: 'hand-model', sha256: null };

/** A context whose corpus `normal` holds `audio` and whose scored matrix comes from the hand-made model. */
function withModel(audio: readonly MemoryAudio[]) {
  const ctx = memoryDetectorContext({ normal: audio });
  return Object.assign(ctx, { model: MODEL });
}
/** The reference as one file (its median is 0 in both dimensions) or as four one-frame files. */
const oneFile = () => withModel([{ audioId: 1, matrix: layerOne(1, 2, 3, 4) }]);
const fourFiles = () => withModel([1, 2, 3, 4].map((t) => ({ audioId: t, matrix: layerOne(t) })));
const plain = { reference: 'normal', context: 0, centring: 'none', shrinkage: 0 };

describe('embeddingNovelty detector', () => {
  it('scores the Mahalanobis distance to the reference\'s Gaussian divided by √D', async () => {
    const run = await registry.run('embeddingNovelty', plain, layerOne(3, 5, 1, 6, 8), oneFile());
    // d² = 2, 0 (token 5 is the zero vector, the mean), 2, 8, 2·9 − 4·6 + 4·4 = 10
    [1, 0, 1, 2, Math.sqrt(5)].forEach((expected, f) => close(run.scores[f]!, expected));
    assert.deepEqual(run.thresholdRule, { rule: 'fixed', value: 3, comparison: 'GREATER_THAN' });
  });

  it('fills in its defaults: layers 16, context 2, file-median centring, shrinkage 0.001', async () => {
    const run = await registry.run('embeddingNovelty', { reference: 'normal' }, layerOne(3, 3, 3), oneFile());
    assert.deepEqual(run.params, { reference: 'normal', layers: 16, context: 2, centring: 'fileMedian', shrinkage: 0.001 });
    // Every frame is its file's median: (0, 0). The reference's context means (±2 frames, cut):
    // (1/3, 0) (0, 0) (0, 0) (−1/3, −1/3): μ = (0, −1/12), Σ = [[1/18, 1/36], [1/36, 1/48]], plus
    // 0.001 × the mean variance on the diagonal; d² of (0, 0) = (1/12)² · (Σ⁻¹)yy.
    const r = (0.001 * (1 / 18 + 1 / 48)) / 2;
    const [a, b, c] = [1 / 18 + r, 1 / 48 + r, 1 / 36];
    const expected = Math.sqrt(((1 / 144) * a) / (a * b - c * c) / 2);
    for (const score of run.scores) close(score, expected);
  });

  it('subtracts each file\'s median first with fileMedian centring', async () => {
    // (2, 2) (2, 2) (3, 2): median (2, 2), so the frames become (0, 0) (0, 0) (1, 0); the reference's median is 0
    const centred = await registry.run('embeddingNovelty', { ...plain, centring: 'fileMedian' }, layerOne(6, 6, 8), oneFile());
    [0, 0, 1].forEach((expected, f) => close(centred.scores[f]!, expected));
    const raw = await registry.run('embeddingNovelty', plain, layerOne(6, 6, 8), oneFile());
    [2, 2, Math.sqrt(5)].forEach((expected, f) => close(raw.scores[f]!, expected));
  });

  it('averages ±context frames before measuring', async () => {
    // context 1 over (1, 0) (−1, 0) (1, 0): (0, 0), (1/3, 0), (0, 0); d² of (1/3, 0) = 2/9.
    // One-frame reference files are their own context, so the Gaussian is unchanged.
    const run = await registry.run('embeddingNovelty', { ...plain, context: 1 }, layerOne(3, 4, 3), fourFiles());
    [0, 1 / 3, 0].forEach((expected, f) => close(run.scores[f]!, expected));
  });

  it('sums the vectors of layers 1..layers only', async () => {
    const matrix = matrixFromRows([frameRow(0, { 1: 3, 2: 9 })]);
    close((await registry.run('embeddingNovelty', { ...plain, layers: 1 }, matrix, oneFile())).scores[0]!, 1);
    // (1, 0) + (5, 5) = (6, 5): d² = 2·36 − 4·30 + 4·25 = 52
    const two = await registry.run('embeddingNovelty', { ...plain, layers: 2 }, matrix, oneFile());
    close(two.scores[0]!, Math.sqrt(26));
    assert.deepEqual([...two.flagged], [1]); // √26 ≈ 5.1 > the default fixed threshold of 3
  });

  it('shrinks the covariance towards the mean variance', async () => {
    // trace 1.5 → 0.001 · 0.75 on the diagonal
    const run = await registry.run('embeddingNovelty', { ...plain, shrinkage: 0.001 }, layerOne(3), oneFile());
    const [a, b] = [1.00075, 0.50075];
    close(run.scores[0]!, Math.sqrt(b / (a * b - 0.25) / 2));
  });

  it('fits once per corpus version and codebooks, and refits when the corpus changes', async () => {
    const fresh = createDetectorRegistry(BUILT_IN_DETECTORS, { codebooks: async () => codebooks });
    const ctx = oneFile();
    await fresh.run('embeddingNovelty', plain, layerOne(3), ctx);
    await fresh.run('embeddingNovelty', { ...plain, threshold: { rule: 'topK', k: 1 } }, layerOne(6), ctx);
    assert.equal(ctx.calls.get('referenceMatrices'), 1);
    ctx.setCorpus('normal', [{ audioId: 1, matrix: layerOne(1, 2, 3, 4, 1, 2, 3, 4) }]);
    const changed = await fresh.run('embeddingNovelty', plain, layerOne(3), ctx);
    assert.equal(ctx.calls.get('referenceMatrices'), 2);
    close(changed.scores[0]!, 1); // the same Gaussian from twice the frames
  });
});

describe('embeddingNovelty detector misuse', () => {
  it('fails with NOT_FOUND naming the model when the model has no codebooks', async () => {
    const noCodebooks = createDetectorRegistry(BUILT_IN_DETECTORS, {
      codebooks: async (model) => {
        throw notFound(`model '${model}' has no codebooks`, { model });
      },
    });
    await assertRejectsCode(noCodebooks.run('embeddingNovelty', { reference: 'normal' }, layerOne(3), oneFile()), ErrorCode.NOT_FOUND, /^model 'hand-model' has no codebooks$/);
    await assertRejectsCode(
      createDetectorRegistry().run('embeddingNovelty', { reference: 'normal' }, layerOne(3), oneFile()),
      ErrorCode.NOT_FOUND,
      /detector embeddingNovelty needs the codebooks of model 'hand-model'/,
    );
  });

  it('fails with NOT_FOUND for a bare matrix that names no model', async () => {
    const ctx: DetectorContext = memoryDetectorContext({ normal: [{ audioId: 1, matrix: layerOne(1, 2, 3, 4) }] });
    await assertRejectsCode(registry.run('embeddingNovelty', { reference: 'normal' }, layerOne(3), ctx), ErrorCode.NOT_FOUND, /names no codec model/);
  });

  it('passes on NOT_FOUND for an unknown reference corpus', async () => {
    await assertRejectsCode(registry.run('embeddingNovelty', { reference: 'missing' }, layerOne(3), oneFile()), ErrorCode.NOT_FOUND, /no corpus named "missing"/);
  });

  it('rejects a reference whose embeddings are singular without shrinkage, naming the corpus', async () => {
    const line = withModel([{ audioId: 1, matrix: layerOne(1, 2, 6) }]);
    await assertRejectsCode(registry.run('embeddingNovelty', plain, layerOne(3), line), ErrorCode.INVALID_ARGUMENT, /^reference corpus normal: the covariance of its 3 frames' embeddings is singular/);
  });

  it('rejects a reference of one frame, and layers or context out of range', async () => {
    const one = withModel([{ audioId: 1, matrix: layerOne(1) }]);
    await assertRejectsCode(registry.run('embeddingNovelty', { reference: 'normal' }, layerOne(3), one), ErrorCode.INVALID_ARGUMENT, /^reference corpus normal: expected at least 2 frames to fit a Gaussian on; received 1$/);
    await assertRejectsCode(registry.run('embeddingNovelty', { reference: 'normal', layers: 17 }, layerOne(3), oneFile()), ErrorCode.INVALID_ARGUMENT, /parameter layers of detector embeddingNovelty expects an integer in \[1, 16\]; received 17/);
    await assertRejectsCode(registry.run('embeddingNovelty', { reference: 'normal', centring: 'mean' }, layerOne(3), oneFile()), ErrorCode.INVALID_ARGUMENT, /parameter centring/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Codebooks } from '../../../../src/codebooks/codebooks.js';
import { createDetectorRegistry } from '../../../../src/analytics/detectors/registry.js';
import type { DetectorContext } from '../../../../src/analytics/detectors/detector.js';
import { CODEBOOK_SIZE, LAYER_COUNT } from '../../../../src/domain/contract.js';
import { ErrorCode } from '../../../../src/errors.js';
import { assertRejectsCode } from '../../../support/errors.js';
import { frameRow, matrixFromRows } from '../../../support/matrices.js';
import { memoryDetectorContext } from '../../../support/memory-detector-context.js';
import type { MemoryAudio } from '../../../support/memory-detector-context.js';

// Codebooks of dimension 2 where only layer 1 carries meaning: token 1 → (6, 0) ("knock"),
// token 2 → (0, 6) ("cough"), token 3 → (0.3, 0.3) (a little background variety), all else 0.
const vectors = new Float32Array(LAYER_COUNT * CODEBOOK_SIZE * 2);
vectors.set([6, 0], 1 * 2);
vectors.set([0, 6], 2 * 2);
vectors.set([0.3, 0.3], 3 * 2);
const codebooks: Codebooks = { layers: LAYER_COUNT, entries: CODEBOOK_SIZE, dim: 2, vectors, sha256: 'test-codebooks' };

/** A matrix of `frames` whose layer 1 is background (0 and 3 alternating) with spans of token t set. */
function audio(frames: number, spans: [number, number, number][]) {
  const tokens = Array.from({ length: frames }, (_, f): number => (f % 3 === 0 ? 3 : 0));
  for (const [start, end, t] of spans) tokens.fill(t, start, end);
  return matrixFromRows(tokens.map((t) => frameRow(0, { 1: t })));
}
const knock = 1;
const cough = 2;
const train: MemoryAudio[] = [1, 2, 3, 4].map((audioId) => ({
  audioId,
  matrix: audio(40, [[10, 14, knock], [25, 29, cough]]),
  labels: [
    { startFrame: 10, endFrame: 14, label: 'knock' },
    { startFrame: 25, endFrame: 29, label: 'cough' },
  ],
}));
const scored = audio(30, [[5, 8, knock], [20, 24, cough]]);

let fits = 0;
const registry = createDetectorRegistry(undefined, { codebooks: async () => codebooks });
function context(heldOut: number[], corpora: Record<string, readonly MemoryAudio[]> = { train }): DetectorContext {
  const ctx = memoryDetectorContext(corpora, heldOut);
  const examples = ctx.trainingExamples!.bind(ctx);
  return { ...ctx, model: { id: 'tiny', sha256: null }, trainingExamples: (name, exclude) => (fits++, examples(name, exclude)) };
}

describe('eventClassifier detector', () => {
  it('finds each event with its class, a probability, and the event probability as score', async () => {
    const run = await registry.run('eventClassifier', { training: 'train', context: 0 }, scored, context([99]));
    assert.deepEqual(run.anomalies.map((a) => [a.startFrame, a.endFrame, a.label]), [[5, 8, 'knock'], [20, 24, 'cough']]);
    for (const a of run.anomalies) assert.ok(a.probability! > 0.9, `${a.label}: ${a.probability}`);
    assert.deepEqual(run.classes!.labels, ['cough', 'knock']);
    assert.ok(run.scores[6]! > 0.9 && run.scores[0]! < 0.1, `scores ${run.scores[6]} and ${run.scores[0]}`);
    assert.deepEqual(run.thresholdRule, { rule: 'fixed', value: 0.8, comparison: 'GREATER_THAN' });
    assert.deepEqual(run.segmenter, { mergeGapFrames: 3, minEventFrames: 2, padFrames: 0 });
  });

  it('fits once for every audio outside the training corpus, and again for an audio inside it', async () => {
    const params = { training: 'train', context: 1, l2: 0.01 };
    const before = fits;
    // The memory context's version differs per instance: share one context's members between audios.
    const shared = context([97]);
    await registry.run('eventClassifier', params, scored, shared);
    await registry.run('eventClassifier', params, scored, { ...shared, heldOutAudioIds: [96] });
    assert.equal(fits - before, 1, 'another audio outside the corpus reuses the fit');
    await registry.run('eventClassifier', params, train[0]!.matrix, { ...shared, heldOutAudioIds: [1] });
    assert.equal(fits - before, 2, 'an audio of the training corpus is left out, so it gets its own fit');
  });

  it('detects only the classes asked for, and refuses a class the training corpus lacks', async () => {
    const run = await registry.run('eventClassifier', { training: 'train', context: 0, classes: 'knock' }, scored, context([99]));
    assert.deepEqual(run.anomalies.map((a) => [a.startFrame, a.endFrame, a.label]), [[5, 8, 'knock']]);
    await assertRejectsCode(
      registry.run('eventClassifier', { training: 'train', classes: 'knock, alarm' }, scored, context([99])),
      ErrorCode.INVALID_ARGUMENT,
      /training corpus train has no frames labelled "alarm" outside the held-out audio; its classes: knock/,
    );
  });

  it('refuses an unlabelled or unknown training corpus, and a model without codebooks', async () => {
    const plain = train.map(({ labels: _labels, ...rest }) => rest);
    await assertRejectsCode(registry.run('eventClassifier', { training: 'plain' }, scored, context([99], { plain })), ErrorCode.INVALID_ARGUMENT, /training corpus plain holds no labelled frame/);
    await assertRejectsCode(registry.run('eventClassifier', { training: 'nope' }, scored, context([99])), ErrorCode.NOT_FOUND, /nope/);
    await assertRejectsCode(createDetectorRegistry().run('eventClassifier', { training: 'train' }, scored, context([99])), ErrorCode.NOT_FOUND, /needs the codebooks of model 'tiny'/);
  });

  it('never trains on the scored audio', async () => {
    // The only labelled audio is the scored one: nothing labelled is left to learn from.
    const only = [train[0]!, { audioId: 5, matrix: audio(40, []) }];
    await assertRejectsCode(registry.run('eventClassifier', { training: 'only' }, train[0]!.matrix, context([1], { only })), ErrorCode.INVALID_ARGUMENT, /holds no labelled frame outside the held-out audio \(1\)/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILT_IN_DETECTORS, createDetectorRegistry } from '../../../../src/analytics/detectors/registry.js';
import { ErrorCode } from '../../../../src/errors.js';
import { assertRejectsCode } from '../../../support/errors.js';
import { handCodebooks } from '../../../support/hand-codebooks.js';
import { frameRow, matrixFromRows } from '../../../support/matrices.js';
import { memoryDetectorContext } from '../../../support/memory-detector-context.js';

// Layer 1: token 10 → (0, 0), token 11 → (3, 4) (length 5); layer 2: token 7 → (0, 12).
const codebooks = handCodebooks(2, { '1:11': [3, 4], '2:7': [0, 12] });
const layerOne = (...tokens: number[]) => matrixFromRows(tokens.map((t) => frameRow(10, { 1: t })));
const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} vs ${expected}`);
const registry = createDetectorRegistry(BUILT_IN_DETECTORS, { codebooks: async () => codebooks });
const ctx = () => Object.assign(memoryDetectorContext({}), { model: { id: 'hand-model', sha256: null } });

describe('embeddingChange detector', () => {
  it('scores the distance between the window means before and after each boundary as a robust z', async () => {
    // window 2 over 0 0 v v v 0 (v = (3, 4)): distances 0, |v/2| = 2.5, 5, 2.5, 2.5, 5
    // median 2.5, MAD 1.25 → z = (d − 2.5) / (1.4826 · 1.25)
    const run = await registry.run('embeddingChange', { window: 2 }, layerOne(10, 10, 11, 11, 11, 10), ctx());
    [-2.5, 0, 2.5, 0, 0, 2.5].forEach((d, f) => close(run.scores[f]!, d / (1.4826 * 1.25)));
    assert.deepEqual(run.params, { layers: 16, window: 2 });
    assert.deepEqual(run.thresholdRule, { rule: 'fixed', value: 3, comparison: 'GREATER_THAN' });
  });

  it('compares single frames with window 1, its default, scaling by the mean deviation when the MAD is 0', async () => {
    // distances 0 0 5 0 5: median 0, MAD 0, mean |deviation| 2 → scale 2·√(π/2)
    const run = await registry.run('embeddingChange', {}, layerOne(10, 10, 11, 11, 10), ctx());
    assert.equal(run.params['window'], 1);
    [0, 0, 5, 0, 5].forEach((d, f) => close(run.scores[f]!, d / (2 * Math.sqrt(Math.PI / 2))));
  });

  it('sums layers 1..layers only', async () => {
    // frames (0, 0) (0, 12) (3, 4) (0, 0) with 2 layers; layer 1 alone sees (0, 0) (0, 0) (3, 4) (0, 0)
    const matrix = matrixFromRows([frameRow(10), frameRow(10, { 2: 7 }), frameRow(10, { 1: 11 }), frameRow(10)]);
    const one = await registry.run('embeddingChange', { layers: 1 }, matrix, ctx());
    // distances 0 0 5 5: median 2.5, MAD 2.5
    [-2.5, -2.5, 2.5, 2.5].forEach((d, f) => close(one.scores[f]!, d / (1.4826 * 2.5)));
    const two = await registry.run('embeddingChange', { layers: 2 }, matrix, ctx());
    // distances 0, 12, |(3, −8)| = √73, 5: median (5 + √73) / 2
    const distances = [0, 12, Math.sqrt(73), 5];
    const median = (5 + Math.sqrt(73)) / 2;
    const deviations = distances.map((d) => Math.abs(d - median)).sort((a, b) => a - b);
    const mad = (deviations[1]! + deviations[2]!) / 2;
    distances.forEach((d, f) => close(two.scores[f]!, (d - median) / (1.4826 * mad)));
  });

  it('gives 0 everywhere for a matrix that never changes', async () => {
    const run = await registry.run('embeddingChange', {}, layerOne(11, 11, 11), ctx());
    assert.deepEqual([...run.scores], [0, 0, 0]);
  });
});

describe('embeddingChange detector misuse', () => {
  it('fails with NOT_FOUND naming the model when the registry has no codebooks for it', async () => {
    await assertRejectsCode(createDetectorRegistry().run('embeddingChange', {}, layerOne(10), ctx()), ErrorCode.NOT_FOUND, /detector embeddingChange needs the codebooks of model 'hand-model'/);
  });

  it('rejects a window of 0 frames', async () => {
    await assertRejectsCode(registry.run('embeddingChange', { window: 0 }, layerOne(10), ctx()), ErrorCode.INVALID_ARGUMENT, /parameter window of detector embeddingChange expects an integer in \[1, 125\]; received 0/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../../src/errors.js';
import { gaussianAccumulator, mahalanobisSquared } from '../../../../src/analytics/models/gaussian-model.js';
import { assertThrowsCode } from '../../../support/errors.js';

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} vs ${expected}`);

// (1, 1), (−1, −1), (1, 0), (−1, 0): mean 0, Σ = [[1, 0.5], [0.5, 0.5]] (divided by 4),
// L = [[1, 0], [0.5, 0.5]], Σ⁻¹ = [[2, −2], [−2, 4]].
const points = Float64Array.of(1, 1, -1, -1, 1, 0, -1, 0);

describe('gaussian model', () => {
  it('fits the mean and the Cholesky factor of the maximum-likelihood covariance, batch by batch', () => {
    const accumulator = gaussianAccumulator(2);
    accumulator.add(points.subarray(0, 2));
    accumulator.add(points.subarray(2));
    const model = accumulator.fit(0, 'test');
    assert.equal(model.count, 4);
    assert.deepEqual([...model.mean], [0, 0]);
    assert.deepEqual([...model.cholesky], [1, 0, 0.5, 0.5]);
  });

  it('gives squared Mahalanobis distances (x − μ)ᵀ Σ⁻¹ (x − μ)', () => {
    const accumulator = gaussianAccumulator(2);
    accumulator.add(points);
    const d = mahalanobisSquared(accumulator.fit(0, 'test'), Float64Array.of(1, 0, 0, 1, 1, 1, 2, 2, 3, 2));
    [2, 4, 2, 8, 2 * 9 - 4 * 6 + 4 * 4].forEach((expected, i) => close(d[i]!, expected));
  });

  it('gives the same distances in groups of four as one at a time', () => {
    const accumulator = gaussianAccumulator(2);
    accumulator.add(points);
    const model = accumulator.fit(0, 'test');
    const many = Float64Array.from({ length: 2 * 7 }, (_, i) => (i % 5) - 2 + i / 10);
    const together = mahalanobisSquared(model, many);
    for (let r = 0; r < 7; r++) close(together[r]!, mahalanobisSquared(model, many.subarray(2 * r, 2 * r + 2))[0]!);
  });

  it('keeps the covariance of vectors far from the origin', () => {
    const accumulator = gaussianAccumulator(2);
    accumulator.add(points.map((v) => v + 1e9));
    const model = accumulator.fit(0, 'test');
    assert.deepEqual([...model.mean], [1e9, 1e9]);
    assert.deepEqual([...model.cholesky], [1, 0, 0.5, 0.5]);
  });

  it('adds shrinkage times the mean variance to the diagonal', () => {
    const accumulator = gaussianAccumulator(2);
    accumulator.add(points);
    // trace 1.5, mean variance 0.75: Σ' = [[1.075, 0.5], [0.5, 0.575]] for shrinkage 0.1.
    const [d] = mahalanobisSquared(accumulator.fit(0.1, 'test'), Float64Array.of(1, 0));
    close(d!, 0.575 / (1.075 * 0.575 - 0.25));
  });
});

describe('gaussian model misuse', () => {
  it('rejects fewer than 2 vectors with INVALID_ARGUMENT naming the source', () => {
    const accumulator = gaussianAccumulator(2);
    accumulator.add(Float64Array.of(1, 2));
    assertThrowsCode(() => accumulator.fit(0.1, 'reference corpus one'), ErrorCode.INVALID_ARGUMENT, /^reference corpus one: expected at least 2 frames to fit a Gaussian on; received 1$/);
  });

  it('rejects a singular covariance without shrinkage, and fits it with some', () => {
    const accumulator = gaussianAccumulator(2);
    accumulator.add(Float64Array.of(1, 1, -1, -1, 2, 2));
    assertThrowsCode(() => accumulator.fit(0, 'reference corpus line'), ErrorCode.INVALID_ARGUMENT, /^reference corpus line: the covariance of its 3 frames' embeddings is singular .*; received shrinkage 0$/);
    assert.equal(accumulator.fit(0.01, 'reference corpus line').count, 3);
  });

  it('rejects vectors that never vary, whatever the shrinkage', () => {
    const accumulator = gaussianAccumulator(2);
    accumulator.add(Float64Array.of(3, 4, 3, 4));
    assertThrowsCode(() => accumulator.fit(0.5, 'reference corpus flat'), ErrorCode.INVALID_ARGUMENT, /total variance 0\b/);
  });
});

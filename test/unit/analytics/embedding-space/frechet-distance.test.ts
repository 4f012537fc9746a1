import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { frechetDistance, meanDistance } from '../../../../src/analytics/embedding-space/frechet-distance.js';
import { GaussianAccumulator } from '../../../../src/analytics/embedding-space/gaussian-fit.js';
import type { GaussianFit } from '../../../../src/analytics/embedding-space/gaussian-fit.js';
import { mulberry32 } from '../../../../src/jsutils/mulberry32.js';

const fitOf = (dim: number, frames: number[][]): GaussianFit => new GaussianAccumulator(dim).add(Float32Array.from(frames.flat())).fit();
const close = (actual: number, expected: number, tolerance = 1e-12): void => assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} ≠ ${expected}`);

describe('the Fréchet distance of two Gaussians', () => {
  it('is ‖Δμ‖² + Tr Σa + Tr Σb when the covariances are orthogonal: frames {0, e1} against {0, e2} give 0.5 + 0.5 + 0.5 = 1.5', () => {
    const a = fitOf(2, [[0, 0], [1, 0]]);
    const b = fitOf(2, [[0, 0], [0, 1]]);
    close(meanDistance(a, b), Math.SQRT1_2);
    close(frechetDistance(a, b), 1.5);
  });

  it('subtracts 2·Tr(Σa Σb)^½: frames {0, 2·e1} (μ 1, σ² 2) against {0, e1} (μ 0.5, σ² 0.5) give 0.25 + 2 + 0.5 − 2 = 0.75', () => {
    close(frechetDistance(fitOf(2, [[0, 0], [2, 0]]), fitOf(2, [[0, 0], [1, 0]])), 0.75);
  });

  it('equals (μa − μb)² + (σa − σb)² in one dimension, and is symmetric', () => {
    const next = mulberry32(3);
    const xs = Array.from({ length: 50 }, () => [next() * 4]);
    const ys = Array.from({ length: 80 }, () => [next() + 1]);
    const a = fitOf(1, xs);
    const b = fitOf(1, ys);
    const expected = (a.mean[0]! - b.mean[0]!) ** 2 + (Math.sqrt(a.covariance[0]!) - Math.sqrt(b.covariance[0]!)) ** 2;
    close(frechetDistance(a, b), expected);
    close(frechetDistance(b, a), expected);
  });

  it('is 0 between a fit and itself, and between fits of the same frames in another order', () => {
    const next = mulberry32(5);
    const frames = Array.from({ length: 200 }, () => Array.from({ length: 8 }, () => next()));
    const a = fitOf(8, frames);
    close(frechetDistance(a, a), 0, 1e-9);
    close(frechetDistance(a, fitOf(8, [...frames].reverse())), 0, 1e-9);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mulberry32 } from '../../../src/jsutils/mulberry32.js';

const draws = (seed: number, n: number): number[] => {
  const random = mulberry32(seed);
  return Array.from({ length: n }, () => random());
};

describe('mulberry32', () => {
  it('repeats the same sequence for the same seed', () => {
    assert.deepEqual(draws(42, 20), draws(42, 20));
  });

  it('gives a different sequence for a different seed', () => {
    assert.notDeepEqual(draws(1, 20), draws(2, 20));
  });

  it('draws numbers in [0, 1) whose mean is close to one half', () => {
    const values = draws(7, 10_000);
    assert.ok(values.every((v) => v >= 0 && v < 1));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    // The mean of 10 000 uniforms has a standard deviation of 0.0029; 0.02 is about 7 of them.
    assert.ok(Math.abs(mean - 0.5) < 0.02, `mean ${mean}`);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { robustStandardise } from '../../../src/analytics/robust-standardise.js';

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} vs ${expected}`);

describe('robustStandardise', () => {
  it('divides the distance from the median by 1.4826 · MAD', () => {
    // median 2.5; |deviations| 2.5 0 2.5 0 0 2.5 → MAD 1.25
    const z = robustStandardise(Float64Array.of(0, 2.5, 5, 2.5, 2.5, 5));
    [-2.5, 0, 2.5, 0, 0, 2.5].forEach((d, i) => close(z[i]!, d / (1.4826 * 1.25)));
  });

  it('falls back to the mean absolute deviation times √(π/2) when the MAD is 0', () => {
    // median 0, MAD 0; mean |deviation| 10 / 5 = 2
    const z = robustStandardise(Float64Array.of(0, 0, 5, 0, 5));
    [0, 0, 5, 0, 5].forEach((d, i) => close(z[i]!, d / (2 * Math.sqrt(Math.PI / 2))));
  });

  it('gives 0 everywhere when every value is equal', () => {
    assert.deepEqual([...robustStandardise(Float64Array.of(7, 7, 7))], [0, 0, 0]);
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { percentile } from '../../../src/analytics/percentile.js';
import { assertThrowsCode } from '../../support/errors.js';
import { repoRoot } from '../../support/paths.js';

describe('percentile', () => {
  it('interpolates halfway between the two middle values for the median of four', () => {
    // h = 3 × 0.5 = 1.5 → between sorted[1] = 2 and sorted[2] = 3
    assert.equal(percentile([4, 1, 3, 2], 50), 2.5);
  });

  it('sorts before interpolating', () => {
    // sorted [1, 2, 3, 4], h = 3 × 0.25 = 0.75 → 2 − (2 − 1) × 0.25
    assert.equal(percentile([3, 1, 2, 4], 25), 1.75);
  });

  it('returns the minimum at q = 0 and the maximum at q = 100', () => {
    assert.equal(percentile([5, -2, 9, 0], 0), -2);
    assert.equal(percentile([5, -2, 9, 0], 100), 9);
  });

  it('returns the only value of a single-value input for any q', () => {
    assert.equal(percentile([42], 0), 42);
    assert.equal(percentile([42], 95), 42);
  });

  it('lands exactly on a value when (n − 1) × q / 100 is whole', () => {
    // n = 5, q = 75: h = 4 × 0.75 = 3 → sorted[3]
    assert.equal(percentile([10, 20, 30, 40, 50], 75), 40);
  });

  it('returns the tied value when both neighbours are equal', () => {
    assert.equal(percentile([1, 7, 7, 7, 7], 95), 7);
  });

  it('interpolates from the upper neighbour when the fraction is at least one half, as numpy does', () => {
    // h = 3 × 0.9 = 2.7: numpy gives 0.4 − 0.1 × 0.3 = 0.37000000000000005 (np.percentile);
    // interpolating from below (0.3 + 0.1 × 0.7) would give 0.37.
    assert.equal(percentile([0.3, 0.3, 0.3, 0.4], 90), 0.37000000000000005);
  });

  it('scales (n − 1) by q / 100 rather than dividing (n − 1) × q by 100, as numpy does', () => {
    // [0, 3.7, 7.4, 11.1], q = 95: 3 × 0.95 = 2.8499999999999996 → np.percentile gives 10.545;
    // 3 × 95 / 100 = 2.85 would give 10.545000000000002.
    const values = [0, 1, 2, 3].map((i) => i * 3.7);
    assert.equal(percentile(values, 95), 10.545);
  });

  it('does not modify its input', () => {
    const values = new Float64Array([3, 1, 2]);
    percentile(values, 50);
    assert.deepEqual([...values], [3, 1, 2]);
  });
});

describe('percentile against numpy', () => {
  // test/golden/percentile.json: np.percentile on generated arrays (scripts/goldens/detector_goldens.py)
  const golden = JSON.parse(readFileSync(join(repoRoot(), 'test', 'golden', 'percentile.json'), 'utf8')) as {
    cases: { values: number[]; q: number[]; expected: number[] }[];
  };

  it('matches np.percentile bit for bit on every golden array and q', () => {
    assert.ok(golden.cases.length > 30);
    for (const { values, q, expected } of golden.cases) {
      q.forEach((qi, i) => {
        assert.equal(percentile(values, qi), expected[i], `n = ${values.length}, q = ${qi}`);
      });
    }
  });
});

describe('percentile misuse', () => {
  const cases: [string, () => unknown, RegExp][] = [
    ['an empty input', () => percentile([], 50), /at least one value; received an empty list/],
    ['q below 0', () => percentile([1, 2], -1), /q must be a number in \[0, 100\]; received -1/],
    ['q above 100', () => percentile([1, 2], 100.5), /received 100.5/],
    ['q NaN', () => percentile([1, 2], Number.NaN), /received NaN/],
    ['a NaN value', () => percentile([1, Number.NaN, 2], 50), /value 1 is NaN/],
  ];
  for (const [what, call, message] of cases) {
    it(`rejects ${what} with INVALID_ARGUMENT`, () => {
      assertThrowsCode(call, ErrorCode.INVALID_ARGUMENT, message);
    });
  }
});

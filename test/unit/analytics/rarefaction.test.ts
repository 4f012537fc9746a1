import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lnFactorial, rarefiedDistinct, rarefiedEntropyBits } from '../../../src/analytics/rarefaction.js';

const close = (actual: number, expected: number, tolerance = 1e-12) => assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} ≠ ${expected}`);
const h = (...p: number[]) => -p.reduce((a, x) => a + (x > 0 ? x * Math.log2(x) : 0), 0);

describe('rarefaction of a token histogram', () => {
  it('matches the subsets of {a, a, b, c} counted by hand', () => {
    // Pairs: (a,a) once (1 distinct, 0 bits), the 5 others two distinct tokens and 1 bit.
    close(rarefiedDistinct([2, 1, 1], 2), 11 / 6);
    close(rarefiedEntropyBits([2, 1, 1], 2), 5 / 6);
    close(rarefiedDistinct([2, 1, 1], 1), 1);
    assert.equal(rarefiedEntropyBits([2, 1, 1], 1), 0);
    assert.deepEqual([rarefiedDistinct([2, 1, 1], 4), rarefiedDistinct([2, 1, 1], 9)], [3, 3]);
    close(rarefiedEntropyBits([2, 1, 1], 4), 1.5);
  });

  it('matches the hypergeometric law of 3 draws from {a, a, a, b, b, b}', () => {
    // P(3 of one kind) = 2/20, P(2 and 1) = 18/20 with entropy h(1/3, 2/3).
    close(rarefiedEntropyBits([3, 3], 3), (18 / 20) * h(1 / 3, 2 / 3));
    close(rarefiedDistinct([3, 3], 3), 2 / 20 + (18 / 20) * 2);
  });

  it('agrees with the exact hypergeometric sum for counts large enough to take the second-order expansion', () => {
    const [big, other, n] = [30_000, 30_000, 20_000];
    const all = big + other;
    const lnChoose = (a: number, b: number) => lnFactorial(a) - lnFactorial(b) - lnFactorial(a - b);
    let exact = 0;
    for (let k = 1; k < n; k++) exact += Math.exp(lnChoose(big, k) + lnChoose(other, n - k) - lnChoose(all, n)) * h(k / n, 1 - k / n);
    close(rarefiedEntropyBits([big, other], n), exact, 1e-9);
  });

  it('stays within 1e-4 bits of the exact sum for a skewed pair of counts just past the expansion threshold', () => {
    const [rare, common, n] = [400, 9_600, 1_000];
    const all = rare + common;
    const lnChoose = (a: number, b: number) => lnFactorial(a) - lnFactorial(b) - lnFactorial(a - b);
    let exact = 0;
    for (let k = 0; k <= rare; k++) exact += Math.exp(lnChoose(rare, k) + lnChoose(common, n - k) - lnChoose(all, n)) * h(k / n, 1 - k / n);
    close(rarefiedEntropyBits([rare, common], n), exact, 1e-4);
  });

  it('computes ln k! exactly at the table edge and by Stirling beyond it', () => {
    let sum = 0;
    for (let k = 2; k <= 1100; k++) sum += Math.log(k);
    close(lnFactorial(1100), sum, 1e-9);
    close(lnFactorial(5), Math.log(120));
  });
});

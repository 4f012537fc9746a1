import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jensenShannonBits } from '../../../../src/analytics/embedding-space/jensen-shannon.js';

describe('jensenShannonBits', () => {
  it('gives 0.5 bits between {0: ½, 1: ½} and {0: ½, 2: ½} (two corpora differing in one token of two)', () => {
    assert.equal(jensenShannonBits([1, 1, 0], [1, 0, 1]), 0.5);
  });

  it('gives 0 for the same distribution at any scale and 1 for disjoint ones', () => {
    assert.equal(jensenShannonBits([2, 6, 0], [1, 3, 0]), 0);
    assert.equal(jensenShannonBits([5, 0], [0, 7]), 1);
  });

  it('gives the same bits, exactly, with the histograms swapped', () => {
    const p = [3, 1, 4, 1, 5, 9, 2, 6];
    const q = [2, 7, 1, 8, 2, 8, 1, 8];
    assert.equal(jensenShannonBits(p, q), jensenShannonBits(q, p));
    const m = p.map((v, i) => v / 31 + q[i]! / 37);
    const kl = (x: number[], n: number) => x.reduce((s, v, i) => s + (v ? (v / n) * Math.log2((2 * v) / n / m[i]!) : 0), 0);
    assert.ok(Math.abs(jensenShannonBits(p, q) - 0.5 * (kl(p, 31) + kl(q, 37))) < 1e-15);
  });

  it('gives 0 when a histogram is empty', () => {
    assert.equal(jensenShannonBits([0, 0], [1, 2]), 0);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { symmetricEigen } from '../../../../src/analytics/embedding-space/symmetric-eigen.js';
import { mulberry32 } from '../../../../src/jsutils/mulberry32.js';

function randomSymmetric(n: number, seed: number): Float64Array {
  const next = mulberry32(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = next() * 2 - 1;
  return a;
}

describe('symmetricEigen', () => {
  it('finds the eigenvalues 1 and 3 of [[2, 1], [1, 2]] with eigenvectors along (1, −1) and (1, 1)', () => {
    const { values, vectors } = symmetricEigen(Float64Array.of(2, 1, 1, 2), 2);
    assert.ok(Math.abs(values[0]! - 1) < 1e-14 && Math.abs(values[1]! - 3) < 1e-14, `values ${values}`);
    assert.ok(Math.abs(Math.abs(vectors[0]!) - Math.SQRT1_2) < 1e-14 && Math.abs(vectors[0]! + vectors[2]!) < 1e-14);
    assert.ok(Math.abs(vectors[1]! - vectors[3]!) < 1e-14);
  });

  it('decomposes random symmetric matrices: A·v = λ·v for orthonormal v, values ascending', () => {
    for (const n of [1, 3, 17, 72]) {
      const a = randomSymmetric(n, n);
      const { values, vectors } = symmetricEigen(a, n);
      for (let j = 1; j < n; j++) assert.ok(values[j]! >= values[j - 1]!);
      let worst = 0;
      for (let j = 0; j < n; j++) {
        for (let i = 0; i < n; i++) {
          let av = 0;
          for (let k = 0; k < n; k++) av += a[i * n + k]! * vectors[k * n + j]!;
          worst = Math.max(worst, Math.abs(av - values[j]! * vectors[i * n + j]!));
        }
        for (let m = 0; m < n; m++) {
          let dot = 0;
          for (let k = 0; k < n; k++) dot += vectors[k * n + j]! * vectors[k * n + m]!;
          worst = Math.max(worst, Math.abs(dot - (j === m ? 1 : 0)));
        }
      }
      assert.ok(worst < 1e-12, `n=${n}: residual ${worst}`);
    }
  });

  it('leaves its input unchanged and handles a zero matrix', () => {
    const a = randomSymmetric(5, 9);
    const copy = Float64Array.from(a);
    symmetricEigen(a, 5);
    assert.deepEqual(a, copy);
    assert.deepEqual(Array.from(symmetricEigen(new Float64Array(9), 3).values), [0, 0, 0]);
  });
});

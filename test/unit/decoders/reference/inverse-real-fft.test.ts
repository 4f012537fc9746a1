import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InverseRealFft } from '../../../../src/decoders/reference/inverse-real-fft.js';
import { mulberry32 } from '../../../../src/jsutils/mulberry32.js';
import { RealFft } from '../../../../src/signal/fft.js';

describe('InverseRealFft', () => {
  for (const size of [8, 64, 1024]) {
    it(`inverts RealFft at size ${size} to within 1e-12`, () => {
      const random = mulberry32(size);
      const x = Float64Array.from({ length: size }, () => random() * 2 - 1);
      const re = new Float64Array(size / 2 + 1);
      const im = new Float64Array(size / 2 + 1);
      new RealFft(size).transform(x, re, im);
      const back = new Float64Array(size);
      new InverseRealFft(size).transform(re, im, 0, back);
      for (let n = 0; n < size; n++) assert.ok(Math.abs(back[n]! - x[n]!) < 1e-12, `sample ${n}: ${back[n]} against ${x[n]}`);
    });
  }

  it('reads the bins at the offset it is given', () => {
    const re = new Float64Array(2 * 5);
    const im = new Float64Array(2 * 5);
    re[5] = 8; // the second spectrum: a constant 1 over 8 samples
    const out = new Float64Array(8);
    new InverseRealFft(8).transform(re, im, 5, out);
    assert.deepEqual([...out], [1, 1, 1, 1, 1, 1, 1, 1]);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { RealFft } from '../../../src/signal/fft.js';
import { mulberry32 } from '../../../src/jsutils/mulberry32.js';
import { assertThrowsCode } from '../../support/errors.js';

/** The textbook O(N²) DFT, the reference the fast transform must match. */
function naiveDft(x: Float64Array): { re: Float64Array; im: Float64Array } {
  const n = x.length;
  const re = new Float64Array(n / 2 + 1);
  const im = new Float64Array(n / 2 + 1);
  for (let k = 0; k <= n / 2; k++) {
    for (let t = 0; t < n; t++) {
      re[k]! += x[t]! * Math.cos((2 * Math.PI * k * t) / n);
      im[k]! -= x[t]! * Math.sin((2 * Math.PI * k * t) / n);
    }
  }
  return { re, im };
}

describe('RealFft', () => {
  for (const size of [4, 8, 64, 1024]) {
    it(`matches a naive DFT of random input at size ${size}`, () => {
      const random = mulberry32(size);
      const x = Float64Array.from({ length: size }, () => random() * 2 - 1);
      const fft = new RealFft(size);
      const re = new Float64Array(fft.bins);
      const im = new Float64Array(fft.bins);
      fft.transform(x, re, im);
      const want = naiveDft(x);
      for (let k = 0; k < fft.bins; k++) {
        assert.ok(Math.abs(re[k]! - want.re[k]!) < 1e-9 * size, `re[${k}]: ${re[k]} vs ${want.re[k]}`);
        assert.ok(Math.abs(im[k]! - want.im[k]!) < 1e-9 * size, `im[${k}]: ${im[k]} vs ${want.im[k]}`);
      }
    });
  }

  it('puts a sine of a whole number of cycles in its one bin', () => {
    const size = 256;
    const x = Float64Array.from({ length: size }, (_, t) => Math.sin((2 * Math.PI * 10 * t) / size));
    const fft = new RealFft(size);
    const re = new Float64Array(fft.bins);
    const im = new Float64Array(fft.bins);
    fft.transform(x, re, im);
    const magnitude = Array.from(re, (r, k) => Math.hypot(r, im[k]!));
    assert.equal(magnitude.indexOf(Math.max(...magnitude)), 10);
    assert.ok(Math.abs(magnitude[10]! - size / 2) < 1e-9);
    assert.ok(magnitude.every((m, k) => k === 10 || m < 1e-9));
  });

  describe('misuse', () => {
    it('refuses a size that is not a power of two, naming it', () => {
      assertThrowsCode(() => new RealFft(1000), ErrorCode.INVALID_ARGUMENT, /size must be a power of two ≥ 4 \(samples per transform\); received 1000/);
    });

    it('refuses input of another length', () => {
      const fft = new RealFft(8);
      assertThrowsCode(() => fft.transform(new Float64Array(7), new Float64Array(5), new Float64Array(5)), ErrorCode.INVALID_ARGUMENT, /input must hold 8 samples; received 7/);
    });
  });
});

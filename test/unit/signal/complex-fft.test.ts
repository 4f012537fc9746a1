import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { ComplexFft, fftRadices } from '../../../src/signal/complex-fft.js';
import { mulberry32 } from '../../../src/jsutils/mulberry32.js';
import { assertThrowsCode } from '../../support/errors.js';

describe('ComplexFft', () => {
  // Every radix alone and mixed: 2, 3, 4, 5, 2·4, 3·5·4, 4³·3·5 (the 1920-point real FFT's half), 2^9.
  for (const size of [1, 2, 3, 4, 5, 8, 60, 960, 512]) {
    it(`matches a direct DFT of random complex input at size ${size} to 1e-9`, () => {
      const random = mulberry32(size);
      const xr = Float64Array.from({ length: size }, () => random() * 2 - 1);
      const xi = Float64Array.from({ length: size }, () => random() * 2 - 1);
      const re = Float64Array.from(xr);
      const im = Float64Array.from(xi);
      new ComplexFft(size).transform(re, im);
      for (let k = 0; k < size; k++) {
        let wr = 0;
        let wi = 0;
        for (let n = 0; n < size; n++) {
          const a = (-2 * Math.PI * ((k * n) % size)) / size;
          wr += xr[n]! * Math.cos(a) - xi[n]! * Math.sin(a);
          wi += xr[n]! * Math.sin(a) + xi[n]! * Math.cos(a);
        }
        assert.ok(Math.abs(re[k]! - wr) < 1e-9 && Math.abs(im[k]! - wi) < 1e-9, `bin ${k}: ${re[k]} + ${im[k]}i against ${wr} + ${wi}i`);
      }
    });
  }

  it('inverts, unnormalised, when real and imaginary parts are swapped', () => {
    const size = 120;
    const random = mulberry32(3);
    const xr = Float64Array.from({ length: size }, () => random());
    const xi = Float64Array.from({ length: size }, () => random());
    const re = Float64Array.from(xr);
    const im = Float64Array.from(xi);
    const fft = new ComplexFft(size);
    fft.transform(re, im);
    fft.transform(im, re);
    for (let n = 0; n < size; n++) assert.ok(Math.abs(re[n]! / size - xr[n]!) < 1e-12 && Math.abs(im[n]! / size - xi[n]!) < 1e-12, `sample ${n}`);
  });

  it('leaves the result where its last pass wrote it, the same bits as transform: in place after an even number of passes, else in resultRe and resultIm', () => {
    // 16 = 4·4 and 60 = 4·3·5 (2 and 3 passes), 960 (5), 512 and 8 (the last radix-4 and radix-2 stages fused: 4 passes and 1).
    for (const [size, passes] of [[16, 2], [60, 3], [960, 5], [512, 4], [8, 1]] as const) {
      const random = mulberry32(size + 1);
      const xr = Float64Array.from({ length: size }, () => random() * 2 - 1);
      const xi = Float64Array.from({ length: size }, () => random() * 2 - 1);
      const fft = new ComplexFft(size);
      const re = Float64Array.from(xr);
      const im = Float64Array.from(xi);
      fft.transform(re, im);
      const lr = Float64Array.from(xr);
      const li = Float64Array.from(xi);
      const inPlace = fft.transformLeaving(lr, li);
      assert.equal(inPlace, passes % 2 === 0, `size ${size}`);
      assert.deepEqual(Buffer.from((inPlace ? lr : fft.resultRe).buffer), Buffer.from(re.buffer), `re, size ${size}`);
      assert.deepEqual(Buffer.from((inPlace ? li : fft.resultIm).buffer), Buffer.from(im.buffer), `im, size ${size}`);
    }
  });

  it('factors sizes into fours first, then 2, 3 and 5, and refuses other primes', () => {
    assert.deepEqual(fftRadices(960), [4, 4, 4, 3, 5]);
    assert.deepEqual(fftRadices(512), [4, 4, 4, 4, 2]);
    assert.deepEqual(fftRadices(1), []);
    assert.equal(fftRadices(14), null);
    assert.equal(fftRadices(0), null);
    assertThrowsCode(() => new ComplexFft(7), ErrorCode.INVALID_ARGUMENT, /size must be a positive integer whose only prime factors are 2, 3 and 5 \(points per transform\); received 7/);
  });
});

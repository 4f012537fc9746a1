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
  for (const size of [4, 8, 12, 30, 64, 250, 1024, 1920]) {
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

  for (const size of [4, 6, 40, 1024, 1920]) {
    it(`inverts its own transform at size ${size} to within 1e-12`, () => {
      const random = mulberry32(size + 7);
      const x = Float64Array.from({ length: size }, () => random() * 2 - 1);
      const fft = new RealFft(size);
      const re = new Float64Array(fft.bins + 3);
      const im = new Float64Array(fft.bins + 3);
      fft.transform(x, re.subarray(3), im.subarray(3));
      const back = new Float64Array(size);
      fft.inverse(re, im, back, 3);
      for (let n = 0; n < size; n++) assert.ok(Math.abs(back[n]! - x[n]!) < 1e-12, `sample ${n}: ${back[n]} against ${x[n]}`);
    });
  }

  it('ignores the imaginary parts of bins 0 and N/2 when inverting', () => {
    const fft = new RealFft(16);
    const re = Float64Array.from({ length: 9 }, (_, k) => (k === 0 ? 16 : 0));
    const im = Float64Array.from({ length: 9 }, (_, k) => (k === 0 || k === 8 ? 5 : 0));
    const out = new Float64Array(16);
    fft.inverse(re, im, out);
    assert.deepEqual([...out], Array.from({ length: 16 }, () => 1));
  });

  it('overlap-adds its inverse, windowed, bit for bit as inverse then a separate windowed sum, cut at either end of the output', () => {
    const size = 64;
    const fft = new RealFft(size);
    const random = mulberry32(99);
    const re = Float64Array.from({ length: 2 * fft.bins }, () => random() * 2 - 1);
    const im = Float64Array.from({ length: 2 * fft.bins }, () => random() * 2 - 1);
    const window = Float64Array.from({ length: 60 }, () => random());
    // Starts before the output, inside it, past its end, and odd ones (the sample-by-sample path).
    for (const start of [-10, -7, 0, 4, 30, 33, 100]) {
      const base = Float64Array.from({ length: 90 }, () => random());
      const fused = Float64Array.from(base);
      fft.inverseOverlapAdd(re, im, fft.bins, window, fused, start);
      const frame = new Float64Array(size);
      fft.inverse(re, im, frame, fft.bins);
      for (let m = 0; m < window.length; m++) if (start + m >= 0 && start + m < base.length) base[start + m] += frame[m]! * window[m]!;
      assert.deepEqual(Buffer.from(fused.buffer), Buffer.from(base.buffer), `start ${start}`);
    }
  });

  it('overlap-adds with a pre-scaled window bit for bit as with the plain one at power-of-two halves, and offers none at other sizes', () => {
    const size = 1024;
    const fft = new RealFft(size);
    const random = mulberry32(5);
    const re = Float64Array.from({ length: fft.bins }, () => (random() * 2 - 1) * 10 ** (6 * random() - 4));
    const im = Float64Array.from({ length: fft.bins }, () => (random() * 2 - 1) * 10 ** (6 * random() - 4));
    const window = Float64Array.from({ length: 960 }, (_, n) => 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / 960));
    const scaled = fft.scaledWindow(window);
    assert.ok(scaled);
    for (const start of [-480, -3, 0, 480, 1441]) {
      const plain = Float64Array.from({ length: 2400 }, () => random() - 0.5);
      const fused = Float64Array.from(plain);
      fft.inverseOverlapAdd(re, im, 0, window, plain, start);
      fft.inverseOverlapAddScaled(re, im, 0, scaled, fused, start);
      assert.deepEqual(Buffer.from(fused.buffer), Buffer.from(plain.buffer), `start ${start}`);
    }
    assert.equal(new RealFft(1920).scaledWindow(window), null);
  });

  it('transforms a windowed stretch of samples bit for bit as windowing into a zero-filled frame first, cut at either end of the samples', () => {
    const size = 64;
    const fft = new RealFft(size);
    const random = mulberry32(17);
    const samples = Float64Array.from({ length: 90 }, () => random() * 2 - 1);
    const window = Float64Array.from({ length: 60 }, () => random());
    // Inside, starting before the samples (even and odd), running past their end, and wholly outside.
    for (const start of [0, 12, 30, -10, -7, 41, 33, 95, -70]) {
      const frame = new Float64Array(size);
      for (let m = 0; m < window.length; m++) if (start + m >= 0 && start + m < samples.length) frame[m] = samples[start + m]! * window[m]!;
      const want = { re: new Float64Array(fft.bins), im: new Float64Array(fft.bins) };
      fft.transform(frame, want.re, want.im);
      const re = new Float64Array(fft.bins).fill(7);
      const im = new Float64Array(fft.bins).fill(7);
      fft.transformWindowed(samples, start, window, re, im);
      assert.deepEqual(Buffer.from(re.buffer), Buffer.from(want.re.buffer), `re, start ${start}`);
      assert.deepEqual(Buffer.from(im.buffer), Buffer.from(want.im.buffer), `im, start ${start}`);
    }
  });

  describe('misuse', () => {
    it('refuses a windowed transform with a window longer than the transform or of odd length', () => {
      const fft = new RealFft(8);
      const out = () => new Float64Array(5);
      assertThrowsCode(() => fft.transformWindowed(new Float64Array(20), 0, new Float64Array(10), out(), out()), ErrorCode.INVALID_ARGUMENT, /window must hold an even number of samples, at most 8; received 10/);
      assertThrowsCode(() => fft.transformWindowed(new Float64Array(20), 0, new Float64Array(7), out(), out()), ErrorCode.INVALID_ARGUMENT, /window must hold an even number of samples, at most 8; received 7/);
    });


    for (const size of [1022, 14, 7, 2, 0, 1.5]) {
      it(`refuses size ${size}, naming it`, () => {
        assertThrowsCode(() => new RealFft(size), ErrorCode.INVALID_ARGUMENT, new RegExp(`size must be an even number ≥ 4 whose half has no prime factor other than 2, 3 and 5 \\(samples per transform\\); received ${size}$`));
      });
    }

    it('refuses input of another length', () => {
      const fft = new RealFft(8);
      assertThrowsCode(() => fft.transform(new Float64Array(7), new Float64Array(5), new Float64Array(5)), ErrorCode.INVALID_ARGUMENT, /input must hold 8 samples; received 7/);
    });

    it('refuses an inverse into too short an output or from too few bins', () => {
      const fft = new RealFft(8);
      assertThrowsCode(() => fft.inverse(new Float64Array(5), new Float64Array(5), new Float64Array(7)), ErrorCode.INVALID_ARGUMENT, /out must hold 8 samples; received 7/);
      assertThrowsCode(() => fft.inverse(new Float64Array(5), new Float64Array(5), new Float64Array(8), 1), ErrorCode.INVALID_ARGUMENT, /re and im must hold 5 bins from 1; received 5 and 5/);
    });

    it('refuses an overlap-add with a window longer than the transform or from too few bins', () => {
      const fft = new RealFft(8);
      assertThrowsCode(() => fft.inverseOverlapAdd(new Float64Array(5), new Float64Array(5), 0, new Float64Array(9), new Float64Array(20), 0), ErrorCode.INVALID_ARGUMENT, /window must hold at most 8 samples; received 9/);
      assertThrowsCode(() => fft.inverseOverlapAdd(new Float64Array(5), new Float64Array(5), 2, new Float64Array(8), new Float64Array(20), 0), ErrorCode.INVALID_ARGUMENT, /re and im must hold 5 bins from 2; received 5 and 5/);
    });
  });
});

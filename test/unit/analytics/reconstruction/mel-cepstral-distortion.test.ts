import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mulberry32 } from '../../../../src/jsutils/mulberry32.js';
import { cepstrum, frameMelCepstralDistortion, melCepstralDistortion } from '../../../../src/analytics/reconstruction/mel-cepstral-distortion.js';

function noise(length: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  return Float32Array.from({ length }, () => (random() * 2 - 1) * 0.3);
}

const SCALE = (10 / Math.LN10) * Math.SQRT2;

describe('mel-cepstral distortion', () => {
  it('takes c_d as the orthonormal DCT-II: a cosine of order 3 and height h has c_3 = h·√(B/2) and nothing else', () => {
    const bands = 40;
    const a = Float64Array.from({ length: bands }, (_, b) => 0.7 * Math.cos((Math.PI * 3 * (b + 0.5)) / bands));
    const c = cepstrum(a, 24);
    c.forEach((v, d) => assert.ok(Math.abs(v - (d === 2 ? 0.7 * Math.sqrt(bands / 2) : 0)) < 1e-12, `c_${d + 1} = ${v}`));
  });

  it('gives (10/ln 10)·√2·|Δc| for frames that differ in one coefficient, and ignores a level offset (c_0)', () => {
    const bands = 40;
    const base = Float64Array.from({ length: bands }, (_, b) => Math.sin(b / 3));
    const shifted = base.map((v, b) => v + 0.25 * Math.sqrt(2 / bands) * Math.cos((Math.PI * 5 * (b + 0.5)) / bands) + 3);
    assert.ok(Math.abs(frameMelCepstralDistortion(base, shifted) - SCALE * 0.25) < 1e-12);
  });

  it('is 0 for identical signals and for a gain change', () => {
    const x = noise(8192, 1);
    assert.equal(melCepstralDistortion(x, Float32Array.from(x)), 0);
    assert.ok(melCepstralDistortion(x, x.map((v) => v * 0.25)) < 1e-6);
  });

  it('grows when the spectral shape changes: white noise against its first difference', () => {
    const x = noise(8192, 2);
    const tilted = x.map((v, i) => (i > 0 ? v - x[i - 1]! : v));
    assert.ok(melCepstralDistortion(x, tilted) > 3);
  });
});

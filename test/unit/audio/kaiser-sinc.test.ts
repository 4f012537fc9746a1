import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { besselI0, kaiserBeta, kaiserSinc } from '../../../src/audio/kaiser-sinc.js';

describe('kaiser-sinc', () => {
  it('computes I0 to double precision at known points', () => {
    assert.equal(besselI0(0), 1);
    assert.ok(Math.abs(besselI0(1) - 1.2660658777520082) < 1e-15);
    assert.ok(Math.abs(besselI0(10) / 2815.716628466254 - 1) < 1e-14);
  });

  it("uses Kaiser's β formula for attenuations above 50 dB", () => {
    assert.ok(Math.abs(kaiserBeta(96) - 0.1102 * 87.3) < 1e-12);
  });

  it('peaks at 2·cutoff in the centre, crosses zero at multiples of 1/(2·cutoff), and vanishes outside the window', () => {
    const kernel = { cutoff: 0.25, halfWidth: 16, beta: 9 };
    assert.equal(kaiserSinc(kernel, 0), 0.5);
    assert.ok(Math.abs(kaiserSinc(kernel, 2)) < 1e-15);
    assert.equal(kaiserSinc(kernel, 16), 0);
    assert.equal(kaiserSinc(kernel, -17.5), 0);
  });
});

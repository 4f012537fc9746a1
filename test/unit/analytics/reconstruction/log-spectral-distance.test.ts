import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../../src/errors.js';
import { mulberry32 } from '../../../../src/jsutils/mulberry32.js';
import { logSpectralDistance } from '../../../../src/analytics/reconstruction/log-spectral-distance.js';
import { assertThrowsCode } from '../../../support/errors.js';

function noise(length: number, seed: number, level = 0.3): Float32Array {
  const random = mulberry32(seed);
  return Float32Array.from({ length }, () => (random() * 2 - 1) * level);
}

describe('logSpectralDistance', () => {
  it('is 0 for identical signals', () => {
    const x = noise(4096, 1);
    assert.equal(logSpectralDistance(x, Float32Array.from(x)), 0);
  });

  it('is 20·log10(g) dB when the estimate is the reference times g', () => {
    const x = noise(4096, 2);
    assert.ok(Math.abs(logSpectralDistance(x, x.map((v) => v * 2)) - 20 * Math.log10(2)) < 1e-6);
    assert.ok(Math.abs(logSpectralDistance(x, x.map((v) => v / 10)) - 20) < 1e-6);
  });

  it('counts bins under the 1e-10 floor as equal: a pure tone 10 dB quieter differs in its few loud bins only', () => {
    const a = Float32Array.from({ length: 4096 }, (_, t) => 0.3 * Math.sin((2 * Math.PI * 64 * t) / 512));
    const lsd = logSpectralDistance(a, a.map((v) => v * 10 ** (-10 / 20)));
    assert.ok(lsd > 0.5 && lsd < 10, `LSD ${lsd}`);
  });

  it('leaves silent reference frames out and answers NaN when every frame is silent', () => {
    const x = new Float32Array(4096);
    x.set(noise(1024, 3), 3072);
    const y = Float32Array.from(x);
    y.fill(0.5, 0, 1024); // loud where the reference is silent: not counted
    assert.equal(logSpectralDistance(x, y), 0);
    assert.ok(Number.isNaN(logSpectralDistance(new Float32Array(1024), new Float32Array(1024))));
  });

  it('refuses signals of different lengths or shorter than one frame, naming them', () => {
    assertThrowsCode(() => logSpectralDistance(noise(1000, 4), noise(999, 4)), ErrorCode.INVALID_ARGUMENT, /estimate: expected 1000 samples \(the reference's length\); received 999/);
    assertThrowsCode(() => logSpectralDistance(noise(100, 4), noise(100, 4)), ErrorCode.INVALID_ARGUMENT, /reference: expected at least 512 samples \(one analysis frame\); received 100/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { designResampler } from '../../../src/audio/resampler-design.js';

describe('designResampler', () => {
  it('reduces the rate ratio to lowest terms (44.1 kHz → 24 kHz is 80/147)', () => {
    const design = designResampler(44_100, 24_000);
    assert.deepEqual([design.up, design.down, design.phases], [80, 147, 80]);
  });

  it('gives every phase unity DC gain and a tap count that is a multiple of 4', () => {
    for (const rate of [8000, 16_000, 44_100, 48_000, 192_000]) {
      const { taps, phases, coefficients } = designResampler(rate, 24_000);
      assert.equal(taps % 4, 0);
      for (let q = 0; q < phases; q++) {
        const sum = coefficients.subarray(q * taps, (q + 1) * taps).reduce((a, b) => a + b, 0);
        assert.ok(Math.abs(sum - 1) < 1e-5, `rate ${rate} phase ${q}: ${sum}`);
      }
    }
  });

  it('widens the filter in proportion when decimating, so the cutoff follows the output Nyquist', () => {
    assert.ok(designResampler(192_000, 24_000).taps >= 7 * designResampler(48_000, 24_000).taps / 2);
  });

  it('shares phases instead of building a huge table for an awkward ratio (44 099 Hz)', () => {
    const design = designResampler(44_099, 24_000);
    assert.equal(design.up, 24_000);
    assert.ok(design.phases < design.up && design.phases > 5000, `${design.phases} phases`);
    assert.ok(design.coefficients.length <= 1 << 20);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mulberry32 } from '../../../src/jsutils/mulberry32.js';
import { applyPerturbation } from '../../../src/stability/apply-perturbation.js';
import { parsePerturbation } from '../../../src/stability/perturbation.js';

/** 2 s of a modulated two-tone signal with a little seeded noise, 300 samples short of a frame multiple. */
function signal(): Float32Array {
  const random = mulberry32(8);
  return Float32Array.from({ length: 47_700 }, (_, i) => {
    const t = i / 24_000;
    return 0.3 * Math.sin(2 * Math.PI * 1.3 * t) * (Math.sin(2 * Math.PI * 440 * t) + 0.5 * Math.sin(2 * Math.PI * 1250 * t)) + 0.01 * (random() - 0.5);
  });
}

/** The lag in -range..range where `y` best matches `x` (cross-correlation peak). */
function bestLag(x: Float32Array, y: Float32Array, range: number): number {
  let best = -Infinity;
  let lag = 0;
  for (let d = -range; d <= range; d++) {
    let c = 0;
    for (let i = range; i < x.length - range; i++) c += x[i]! * y[i + d]!;
    if (c > best) [best, lag] = [c, d];
  }
  return lag;
}

function snrDb(x: Float32Array, y: Float32Array, edge: number): number {
  let s = 0;
  let e = 0;
  for (let i = edge; i < x.length - edge; i++) [s, e] = [s + x[i]! ** 2, e + (y[i]! - x[i]!) ** 2];
  return 10 * Math.log10(s / e);
}

describe('the mp3 perturbation', () => {
  const x = signal();
  for (const [kbps, minSnr] of [[320, 40], [192, 20], [160, 20], [64, 12], [40, 12], [8, 3]] as const) {
    it(`at ${kbps} kbps keeps the length, lines up with the original to the sample and keeps ≥ ${minSnr} dB SNR`, async () => {
      const y = await applyPerturbation(x, parsePerturbation(`mp3:kbps=${kbps}`));
      assert.equal(y.length, x.length);
      assert.equal(bestLag(x, y, 40), 0);
      const snr = snrDb(x, y, 2400);
      assert.ok(snr >= minSnr, `SNR ${snr.toFixed(1)} dB`);
    });
  }

  it('gives the same bytes twice (no hidden state between calls)', async () => {
    const p = parsePerturbation('mp3:kbps=64');
    assert.deepEqual(await applyPerturbation(x, p), await applyPerturbation(x, p));
  });
});

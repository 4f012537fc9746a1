import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { mulberry32 } from '../../../src/jsutils/mulberry32.js';
import { whiteNoise } from '../../../src/stability/add-noise.js';
import { applyPerturbation } from '../../../src/stability/apply-perturbation.js';
import { parsePerturbation } from '../../../src/stability/perturbation.js';
import { meanSquare } from '../../../src/stability/signal-power.js';
import { assertRejectsCode } from '../../support/errors.js';

/** 1.5 s of a 220 Hz tone with a seeded noise floor (not a multiple of the frame). */
function signal(length = 36_123, seed = 5): Float32Array {
  const random = mulberry32(seed);
  return Float32Array.from({ length }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 220 * i) / 24_000) + 0.02 * (random() - 0.5));
}

function measuredSnrDb(clean: Float32Array, noisy: Float32Array): number {
  const noise = noisy.map((v, i) => v - clean[i]!);
  return 10 * Math.log10(meanSquare(clean) / meanSquare(noise));
}

const apply = (x: Float32Array, text: string, babble?: Float32Array): Promise<Float32Array> =>
  applyPerturbation(x, parsePerturbation(text), babble ? { babble } : {});

describe('applyPerturbation', () => {
  for (const snr of [30, 20, 10, 0]) {
    it(`adds white noise whose SNR measures back as ${snr} dB within 0.1 dB`, async () => {
      const x = signal();
      const y = await apply(x, `noise:snr=${snr}`);
      assert.equal(y.length, x.length);
      assert.ok(Math.abs(measuredSnrDb(x, y) - snr) < 0.1, `measured ${measuredSnrDb(x, y)}`);
    });
  }

  it('draws white noise of zero mean, unit variance and no correlation between neighbours', () => {
    const w = whiteNoise(200_001, 9);
    const mean = w.reduce((a, v) => a + v, 0) / w.length;
    let lag1 = 0;
    for (let i = 1; i < w.length; i++) lag1 += w[i]! * w[i - 1]!;
    assert.ok(Math.abs(mean) < 0.01, `mean ${mean}`);
    assert.ok(Math.abs(meanSquare(w) - 1) < 0.01, `variance ${meanSquare(w)}`);
    assert.ok(Math.abs(lag1 / w.length) < 0.01, `lag-1 correlation ${lag1 / w.length}`);
  });

  it('adds the same white noise for the same seed and other noise for another seed', async () => {
    const x = signal();
    assert.deepEqual(await apply(x, 'noise:snr=20,seed=3'), await apply(x, 'noise:snr=20,seed=3'));
    const a = await apply(x, 'noise:snr=20,seed=3');
    const b = await apply(x, 'noise:snr=20,seed=4');
    assert.ok(a.some((v, i) => v !== b[i]));
  });

  it('adds babble at the SNR asked for, repeating babble shorter than the audio', async () => {
    const x = signal();
    const babble = signal(10_000, 9).map((v, i) => v * Math.sin(i / 300));
    const y = await apply(x, 'noise:snr=10,colour=babble', babble);
    assert.equal(y.length, x.length);
    assert.ok(Math.abs(measuredSnrDb(x, y) - 10) < 0.1);
    const added = (i: number): number => y[i]! - x[i]!;
    assert.ok(Math.abs(added(12_345) - added(2_345)) < 1e-6, 'babble repeats with its own period');
  });

  it('multiplies by exactly 10^(db/20) and keeps the length', async () => {
    const x = signal();
    for (const db of [6, -6, 0]) {
      const y = await apply(x, `gain:db=${db}`);
      const g = 10 ** (db / 20);
      assert.equal(y.length, x.length);
      for (let i = 0; i < x.length; i += 97) assert.equal(y[i], Math.fround(x[i]! * g));
    }
    assert.deepEqual(await apply(x, 'gain:db=0'), x);
  });

  it('delays by whole samples (zeros in front) and advances for a negative shift, keeping the length', async () => {
    const x = Float32Array.from([1, 2, 3, 4, 5]);
    assert.deepEqual(await apply(x, 'shift:samples=1'), Float32Array.from([0, 1, 2, 3, 4]));
    assert.deepEqual(await apply(x, 'shift:samples=-2'), Float32Array.from([3, 4, 5, 0, 0]));
    assert.deepEqual(await apply(x, 'shift:samples=9'), new Float32Array(5));
    const long = signal();
    const y = await apply(long, 'shift:samples=3');
    assert.equal(y.length, long.length);
    assert.equal(y[1000], long[997]);
  });

  it('never changes its input', async () => {
    const x = signal();
    const copy = Float32Array.from(x);
    for (const t of ['noise:snr=10', 'gain:db=6', 'shift:samples=2', 'resample:rate=16000']) await apply(x, t);
    assert.deepEqual(x, copy);
  });

  it('resamples through 16 kHz keeping the length and a 220 Hz tone to better than 60 dB SNR away from the ends', async () => {
    const x = Float32Array.from({ length: 36_123 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 220 * i) / 24_000));
    const y = await apply(x, 'resample:rate=16000');
    assert.equal(y.length, x.length);
    const inner = (a: Float32Array): Float32Array => a.subarray(1200, a.length - 1200);
    assert.ok(measuredSnrDb(inner(x), inner(y)) > 60, `SNR ${measuredSnrDb(inner(x), inner(y))}`);
  });

  it('resampling through 8 kHz removes a 6 kHz tone (above the 4 kHz Nyquist limit)', async () => {
    const x = Float32Array.from({ length: 24_000 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 6000 * i) / 24_000));
    const y = await apply(x, 'resample:rate=8000');
    assert.ok(meanSquare(y.subarray(1200, 22_800)) < meanSquare(x) * 1e-4);
  });

  describe('misuse', () => {
    it('refuses babble noise without the babble signal (INVALID_ARGUMENT)', () =>
      assertRejectsCode(apply(signal(), 'noise:snr=20,colour=babble'), ErrorCode.INVALID_ARGUMENT, /babble noise needs the babble signal/));
    it('refuses silent babble (INVALID_ARGUMENT)', () =>
      assertRejectsCode(apply(signal(), 'noise:snr=20,colour=babble', new Float32Array(100)), ErrorCode.INVALID_ARGUMENT, /is silent/));
    it('leaves a round trip to measureStability (UNSUPPORTED_OPERATION)', () =>
      assertRejectsCode(apply(signal(), 'roundtrip:layers=1-8'), ErrorCode.UNSUPPORTED_OPERATION, /use measureStability with a decoder/));
  });
});

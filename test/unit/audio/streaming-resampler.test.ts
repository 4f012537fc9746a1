import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StreamingResampler } from '../../../src/audio/streaming-resampler.js';
import { meanSquare, sine } from './audio-test-kit.js';

/** Resamples `input` to 24 kHz, feeding it in pieces of `chunk` samples. */
function resample(input: Float32Array, rateIn: number, chunk = input.length): Float32Array {
  const resampler = new StreamingResampler(rateIn, 24_000);
  const parts: Float32Array[] = [];
  for (let i = 0; i < input.length; i += chunk) parts.push(resampler.push(input.subarray(i, i + chunk)));
  parts.push(resampler.flush());
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

/** SNR in dB of `actual` against `ideal`, leaving out `edge` samples at both ends. */
function snrDb(actual: Float32Array, ideal: Float32Array, edge: number): number {
  let signal = 0;
  let noise = 0;
  for (let i = edge; i < ideal.length - edge; i++) {
    signal += ideal[i]! ** 2;
    noise += (actual[i]! - ideal[i]!) ** 2;
  }
  return 10 * Math.log10(signal / noise);
}

describe('StreamingResampler', () => {
  for (const rate of [44_100, 16_000]) {
    it(`turns a 1 kHz sine at ${rate} Hz into the ideal 24 kHz sine to at least 70 dB SNR`, () => {
      const out = resample(sine(1000, rate, rate), rate);
      const ideal = sine(1000, 24_000, out.length);
      const snr = snrDb(out, ideal, 1200); // 50 ms away from the edges, where the input starts from silence
      assert.ok(snr >= 70, `SNR ${snr.toFixed(1)} dB`);
    });
  }

  it('keeps 70 dB SNR at an awkward rate (44 099 Hz) that shares the nearest of its 24 000 phases', () => {
    const out = resample(sine(1000, 44_099, 22_050), 44_099);
    assert.ok(snrDb(out, sine(1000, 24_000, out.length), 1200) >= 70);
  });

  it('leaves at most −60 dB of alias from a 15 kHz tone at 44.1 kHz (above the 12 kHz output Nyquist)', () => {
    const input = sine(15_000, 44_100, 44_100);
    const out = resample(input, 44_100);
    // Everything left at 24 kHz is alias: 15 kHz cannot be represented there.
    const aliasDb = 10 * Math.log10(meanSquare(out, 1200, out.length - 1200) / meanSquare(input));
    assert.ok(aliasDb <= -60, `alias ${aliasDb.toFixed(1)} dB`);
  });

  it('gives bit-identical output whatever the chunk size (1000, 4096, 48000 or all at once)', () => {
    const input = Float32Array.from({ length: 3 * 44_100 + 17 }, (_, i) => Math.sin(i * 0.05) * Math.cos(i * 0.0013));
    const whole = resample(input, 44_100);
    for (const chunk of [1000, 4096, 48_000]) assert.deepEqual(resample(input, 44_100, chunk), whole, `chunk ${chunk}`);
  });

  it('emits exactly round(T × 24000 / rate) samples, including the tail the filter delay would hold back', () => {
    for (const [rate, length] of [[44_100, 44_100], [44_100, 1], [44_100, 1001], [16_000, 7], [48_000, 12_345], [8_000, 3], [192_000, 999]] as const) {
      const out = resample(new Float32Array(length).fill(0.5), rate, 100);
      assert.equal(out.length, Math.round((length * 24_000) / rate), `${length} samples at ${rate} Hz`);
    }
  });

  it('keeps a constant signal constant away from the edges (unity gain at DC)', () => {
    const out = resample(new Float32Array(16_000).fill(0.25), 16_000);
    for (let i = 600; i < out.length - 600; i++) assert.ok(Math.abs(out[i]! - 0.25) < 1e-6, `sample ${i}: ${out[i]}`);
  });

  it('is time-aligned: output sample n sits at input time n / 24000 s (no filter delay)', () => {
    const out = resample(sine(440, 44_100, 44_100), 44_100);
    const ideal = sine(440, 24_000, out.length);
    assert.ok(snrDb(out, ideal, 1200) > 70);
  });
});

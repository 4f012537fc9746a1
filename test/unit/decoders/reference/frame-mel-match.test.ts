import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ENCODER_BINS, MEL_BANDS, encoderMelWeights } from '../../../../src/decoders/reference/feature-layout.js';
import { FrameMelMatch } from '../../../../src/decoders/reference/frame-mel-match.js';
import { mulberry32 } from '../../../../src/jsutils/mulberry32.js';

/** Band powers from a direct float64 DFT of the Hann-windowed frame: the encoder's definition. */
function directBandPowers(frame: Float64Array): Float64Array {
  const weights = encoderMelWeights();
  const out = new Float64Array(MEL_BANDS);
  for (let k = 0; k < ENCODER_BINS; k++) {
    let re = 0;
    let im = 0;
    for (let n = 0; n < 1920; n++) {
      const v = frame[n]! * (0.5 - 0.5 * Math.cos((2 * Math.PI * n) / 1920));
      re += v * Math.cos((2 * Math.PI * k * n) / 1920);
      im -= v * Math.sin((2 * Math.PI * k * n) / 1920);
    }
    for (let b = 0; b < MEL_BANDS; b++) out[b] += weights[k * MEL_BANDS + b]! * (re * re + im * im);
  }
  return out;
}

describe('FrameMelMatch', () => {
  it("measures a frame's 64 band powers as a direct 1920-point DFT does, to 1e-9 relative", () => {
    const random = mulberry32(5);
    const samples = Float64Array.from({ length: 3 * 1920 }, () => random() * 2 - 1);
    const measured = new Float64Array(MEL_BANDS);
    new FrameMelMatch().measure(samples, 1920, measured);
    const expected = directBandPowers(samples.subarray(1920, 3840));
    for (let b = 0; b < MEL_BANDS; b++) assert.ok(Math.abs(measured[b]! - expected[b]!) <= 1e-9 * expected[b]!, `band ${b}: ${measured[b]} against ${expected[b]}`);
  });

  it('asks for the square root of the power ratio, with the encoder’s 1e-6 floor', () => {
    const ratios = new Float64Array(MEL_BANDS);
    const measured = new Float64Array(MEL_BANDS).fill(4e-6 - 1e-6);
    new FrameMelMatch().ratios(new Float64Array(MEL_BANDS).fill(Math.log(1e-6)), measured, ratios);
    for (const r of ratios) assert.ok(Math.abs(r - 0.5) < 1e-12);
  });
});

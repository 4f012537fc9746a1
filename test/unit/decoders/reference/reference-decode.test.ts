import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SAMPLES_PER_FRAME } from '../../../../src/domain/contract.js';
import { ErrorCode } from '../../../../src/errors.js';
import { mulberry32 } from '../../../../src/jsutils/mulberry32.js';
import { BLOCK_SAMPLES, ENVELOPE_BLOCKS, FEATURE_DIM, MEL_BANDS } from '../../../../src/decoders/reference/feature-layout.js';
import { contextFrames, decodeSchedule, referenceDecode, referenceDecodeRange, referenceDecodeRangeInto } from '../../../../src/decoders/reference/reference-decode.js';
import { referenceDecoderOptions } from '../../../../src/decoders/reference/reference-decoder-options.js';
import type { ReferenceDecoderOptions } from '../../../../src/decoders/reference/reference-decoder-options.js';
import { openFrontEnd } from '../../../../scripts/build-model/features.js';
import type { FrontEnd } from '../../../../scripts/build-model/features.js';
import { assertThrowsCode } from '../../../support/errors.js';

/** White noise whose level steps every 50 ms through `levelsDb` (dB re full scale, RMS), `frames` frames long. */
function steppedNoise(frames: number, levelsDb: readonly number[], seed: number): Float32Array {
  const random = mulberry32(seed);
  const x = new Float32Array(frames * SAMPLES_PER_FRAME);
  for (let n = 0; n < x.length; n++) {
    const level = 10 ** (levelsDb[Math.floor(n / 1200) % levelsDb.length]! / 20);
    x[n] = (random() * 2 - 1) * Math.sqrt(3) * level;
  }
  return x;
}

function tone(frames: number, hz: number, amplitude: number): Float32Array {
  return Float32Array.from({ length: frames * SAMPLES_PER_FRAME }, (_, n) => amplitude * Math.sin((2 * Math.PI * hz * n) / 24_000));
}

describe('referenceDecode', () => {
  let frontEnd: FrontEnd;
  before(async () => {
    frontEnd = await openFrontEnd();
  });
  after(async () => {
    await frontEnd.release();
  });

  it('returns exactly n · 1920 finite samples within [−1, 1], clipping a louder-than-full-scale input', async () => {
    for (const frames of [1, 3, 12]) {
      const out = referenceDecode(await frontEnd.features(steppedNoise(frames, [-20, -35], frames)), frames);
      assert.equal(out.length, frames * SAMPLES_PER_FRAME);
      assert.ok(out.every((v) => Number.isFinite(v) && v >= -1 && v <= 1));
    }
    // A square wave at full scale has a mean square of 1; noise-like phases give it peaks above 1, which are clipped.
    const square = Float32Array.from({ length: 6 * SAMPLES_PER_FRAME }, (_, n) => (Math.floor(n / 40) % 2 === 0 ? 1 : -1));
    const loud = referenceDecode(await frontEnd.features(square), 6);
    assert.ok(loud.some((v) => Math.abs(v) === 1), 'expected some samples clipped to ±1');
    assert.ok(loud.every((v) => v >= -1 && v <= 1));
  });

  it('gives the same bytes for the same input', async () => {
    const features = await frontEnd.features(steppedNoise(10, [-15, -30, -22], 7));
    const a = referenceDecode(features, 10);
    const b = referenceDecode(Float32Array.from(features), 10);
    assert.deepEqual(Buffer.from(a.buffer), Buffer.from(b.buffer));
  });

  it('decodes every range of frames to the samples the whole decode gives them, bit for bit', async () => {
    const frames = 30;
    const features = await frontEnd.features(steppedNoise(frames, [-12, -40, -25, -18], 11));
    // The defaults, and a shorter window with Griffin–Lim and without re-analysis: the context bound must hold for both.
    for (const settings of [{}, { windowLength: 960, fftSize: 1024, hop: 480, iterations: 1, matchReanalyse: false }]) {
      const whole = referenceDecode(features, frames, settings);
      for (const chunk of [1, 7, 13]) {
        const parts = new Float32Array(frames * SAMPLES_PER_FRAME);
        for (let first = 0; first < frames; first += chunk) {
          const count = Math.min(chunk, frames - first);
          parts.set(referenceDecodeRange(features, frames, first, count, settings), first * SAMPLES_PER_FRAME);
        }
        assert.deepEqual(Buffer.from(parts.buffer), Buffer.from(whole.buffer), `chunks of ${chunk} frames, ${JSON.stringify(settings)}`);
      }
      assert.deepEqual(Buffer.from(referenceDecode(features, frames, { ...settings, blockFrames: 4 }).buffer), Buffer.from(whole.buffer), `internal blocks of 4 frames, ${JSON.stringify(settings)}`);
    }
  });

  it('states its schedule: with the defaults 2 analyses, 4 inverses and 3 loudness stages per segment (11 frames of context)', () => {
    assert.deepEqual(decodeSchedule(referenceDecoderOptions()), { analyses: 2, inverses: 4, loudnessStages: 3 });
    assert.deepEqual(decodeSchedule(referenceDecoderOptions({ iterations: 1, matchReanalyse: false })), { analyses: 1, inverses: 5, loudnessStages: 3 });
    assert.deepEqual(decodeSchedule(referenceDecoderOptions({ matchIterations: 0 })), { analyses: 0, inverses: 1, loudnessStages: 1 });
    assert.equal(contextFrames(referenceDecoderOptions()), 11);
  });

  it('needs its context: a range decoded as audio of its own differs from the same frames of the whole', async () => {
    const frames = 30;
    const features = await frontEnd.features(steppedNoise(frames, [-12, -40, -25, -18], 11));
    const whole = referenceDecode(features, frames);
    const alone = referenceDecode(features.subarray(10 * FEATURE_DIM, 20 * FEATURE_DIM), 10);
    assert.notDeepEqual(Buffer.from(alone.buffer), Buffer.from(whole.slice(10 * SAMPLES_PER_FRAME, 20 * SAMPLES_PER_FRAME).buffer));
    assert.ok(contextFrames(referenceDecoderOptions()) >= 1);
  });

  it("puts a 1 kHz tone's energy in the mel band the tone's own features peak in", async () => {
    const frames = 8;
    const input = await frontEnd.features(tone(frames, 1000, 0.3));
    const output = await frontEnd.features(referenceDecode(input, frames));
    for (let f = 1; f < frames - 1; f++) {
      const bandsIn = input.subarray(f * FEATURE_DIM, f * FEATURE_DIM + MEL_BANDS);
      const bandsOut = output.subarray(f * FEATURE_DIM, f * FEATURE_DIM + MEL_BANDS);
      const peak = bandsIn.indexOf(Math.max(...bandsIn));
      assert.equal(bandsOut.indexOf(Math.max(...bandsOut)), peak, `frame ${f}`);
      const powers = Array.from(bandsOut, (v) => Math.exp(v));
      const near = powers.slice(peak - 1, peak + 2).reduce((a, b) => a + b, 0);
      const total = powers.reduce((a, b) => a + b, 0);
      assert.ok(near / total >= 0.9, `frame ${f}: ${((100 * near) / total).toFixed(1)} % of the mel power within one band of band ${peak}`);
    }
  });

  /** The worst error, in dB, of the decoded 10 ms energies above −60 dBFS of a 25-frame stepped noise with 35 dB steps. */
  async function worstEnergyError(overrides: Partial<ReferenceDecoderOptions>): Promise<number> {
    const frames = 25;
    const input = await frontEnd.features(steppedNoise(frames, [-10, -45, -20, -30, -15], 3));
    const output = await frontEnd.features(referenceDecode(input, frames, overrides));
    let worst = 0;
    for (let f = 0; f < frames; f++) {
      for (let b = 0; b < ENVELOPE_BLOCKS; b++) {
        const at = f * FEATURE_DIM + MEL_BANDS + b;
        if (input[at]! < Math.log(1e-6)) continue;
        worst = Math.max(worst, Math.abs(((output[at]! - input[at]!) * 10) / Math.LN10));
      }
    }
    return worst;
  }

  it('honours every 10 ms energy above −60 dBFS within 0.5 dB, across 35 dB steps (0.13 dB measured with the defaults)', async () => {
    const worst = await worstEnergyError({});
    assert.ok(worst <= 0.5, `worst sub-block energy error ${worst.toFixed(2)} dB (${BLOCK_SAMPLES}-sample blocks)`);
  });

  it('carries the 10 ms contour from one loudness stage to the next by re-analysing the shaped render: without it, the same 4 passes a stage leave the steps dB off (5.9 dB measured)', async () => {
    const worst = await worstEnergyError({ matchReanalyse: false });
    assert.ok(worst >= 2, `worst sub-block energy error without re-analysis ${worst.toFixed(2)} dB`);
  });

  describe('refuses bad input, naming it', () => {
    const features = new Float32Array(2 * FEATURE_DIM).fill(-10);
    it('features of the wrong length', () => {
      assertThrowsCode(() => referenceDecode(features, 3), ErrorCode.INVALID_ARGUMENT, /features: expected 3 × 72 = 216 values .*; received 144/);
    });
    it('no frames', () => {
      assertThrowsCode(() => referenceDecode(new Float32Array(0), 0), ErrorCode.INVALID_ARGUMENT, /n: expected a positive integer \(frames\); received 0/);
    });
    it('a value that is not finite', () => {
      const bad = Float32Array.from(features);
      bad[FEATURE_DIM + 5] = Number.NaN;
      assertThrowsCode(() => referenceDecode(bad, 2), ErrorCode.INVALID_ARGUMENT, /features: expected finite values; received NaN at frame 1, value 5/);
    });
    it('a range outside the frames', () => {
      assertThrowsCode(() => referenceDecodeRange(features, 2, 1, 2), ErrorCode.INVALID_ARGUMENT, /first, count: expected a range of frames inside 0..2; received first 1, count 2/);
    });
    it('an output array of the wrong length', () => {
      const out = new Float32Array(SAMPLES_PER_FRAME);
      assertThrowsCode(() => referenceDecodeRangeInto(features, 2, 0, 2, {}, out), ErrorCode.INVALID_ARGUMENT, /out: expected 2 × 1920 = 3840 samples; received 1920/);
      assert.ok(out.every((v) => v === 0), 'nothing written before the check');
    });
    it('bad settings', () => {
      assertThrowsCode(() => referenceDecode(features, 2, { fftSize: 1000 }), ErrorCode.INVALID_ARGUMENT, /fftSize: expected a power of two from 64 to 8192 \(samples\); received 1000/);
      assertThrowsCode(() => referenceDecode(features, 2, { hop: 7 }), ErrorCode.INVALID_ARGUMENT, /hop: expected a divisor of 1920 .*; received 7/);
      assertThrowsCode(() => referenceDecode(features, 2, { iterations: -1 }), ErrorCode.INVALID_ARGUMENT, /iterations: expected an integer from 0 to 1000 .*; received -1/);
      assertThrowsCode(() => referenceDecode(features, 2, { gainRamp: 3 }), ErrorCode.INVALID_ARGUMENT, /gainRamp: expected an even number of samples from 2 to 240; received 3/);
      assertThrowsCode(() => referenceDecode(features, 2, { matchInterpolation: 'cubic' as 'linear' }), ErrorCode.INVALID_ARGUMENT, /matchInterpolation: expected 'geometric' or 'linear'; received cubic/);
      assertThrowsCode(() => referenceDecode(features, 2, { matchReanalyse: 'yes' as unknown as boolean }), ErrorCode.INVALID_ARGUMENT, /matchReanalyse: expected true or false; received yes/);
    });
  });
});

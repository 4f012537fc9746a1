import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SAMPLES_PER_FRAME } from '../../../../src/domain/contract.js';
import { GriffinLim, inverseWindowEnergy } from '../../../../src/decoders/reference/griffin-lim.js';
import { DEFAULT_REFERENCE_DECODER_OPTIONS } from '../../../../src/decoders/reference/reference-decoder-options.js';
import { mulberry32 } from '../../../../src/jsutils/mulberry32.js';
import { hannWindow } from '../../../../src/signal/hann-window.js';

/** Random positive per-bin values for `frames` codec frames (frames × bins). */
function rows(frames: number, bins: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  return Float32Array.from({ length: frames * bins }, () => 0.01 + random());
}

/** The window-energy table summed frame by frame over the whole output, as the ISTFT first did. */
function directWindowEnergy(window: Float64Array, hop: number, count: number, length: number): Float64Array {
  const sum = new Float64Array(length);
  for (let q = 0; q < count; q++) {
    const start = q * hop - window.length / 2;
    for (let m = Math.max(0, -start); m < Math.min(window.length, length - start); m++) sum[start + m] += window[m]! * window[m]!;
  }
  return sum.map((v) => (v > 0 ? 1 / v : 0));
}

describe('inverseWindowEnergy', () => {
  // Window and hop pairs of the decoder's range: half, a quarter, an eighth and a third of a window, a hop of 1, and one segment of 1 to 9 codec frames.
  for (const [length, hop] of [[960, 480], [960, 240], [960, 120], [960, 320], [16, 1], [1920, 1920], [100, 10]] as const) {
    it(`gives the frame-by-frame sums bit for bit (window ${length}, hop ${hop})`, () => {
      const window = hannWindow(length);
      for (const frames of [1, 2, 3, 9]) {
        const count = frames * (SAMPLES_PER_FRAME / hop) + 1;
        const got = inverseWindowEnergy(window, hop, count, frames * SAMPLES_PER_FRAME);
        const want = directWindowEnergy(window, hop, count, frames * SAMPLES_PER_FRAME);
        assert.deepEqual(Buffer.from(got.buffer), Buffer.from(want.buffer), `${frames} frames`);
      }
    });
  }
});

describe('GriffinLim', () => {
  // The defaults (hop = window / 2) and a hop of a quarter window, whose first and last samples are covered by fewer frames.
  for (const settings of [DEFAULT_REFERENCE_DECODER_OPTIONS, { ...DEFAULT_REFERENCE_DECODER_OPTIONS, hop: 240, iterations: 2 }]) {
    it(`scales and renders frame by frame bit for bit as scale then render (hop ${settings.hop})`, () => {
      const frames = 6;
      const separate = new GriffinLim(settings);
      const fused = new GriffinLim(settings);
      const magnitudes = rows(frames, separate.bins, 1);
      const factors = rows(frames, separate.bins, 2);
      const a = separate.reconstruct(magnitudes, frames, 3);
      const outA = new Float64Array(frames * SAMPLES_PER_FRAME);
      separate.scale(a, factors);
      separate.render(a, outA);
      const b = fused.reconstruct(magnitudes, frames, 3);
      const outB = new Float64Array(frames * SAMPLES_PER_FRAME).fill(5);
      fused.scaleAndRender(b, factors, outB);
      assert.ok(outA.some((v) => v !== 0));
      assert.deepEqual(Buffer.from(outB.buffer), Buffer.from(outA.buffer));
      assert.deepEqual(Buffer.from(b.re.buffer, b.re.byteOffset, b.re.byteLength), Buffer.from(a.re.buffer, a.re.byteOffset, a.re.byteLength));
    });
  }
});

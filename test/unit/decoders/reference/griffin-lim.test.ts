import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SAMPLES_PER_FRAME } from '../../../../src/domain/contract.js';
import { GriffinLim } from '../../../../src/decoders/reference/griffin-lim.js';
import { DEFAULT_REFERENCE_DECODER_OPTIONS } from '../../../../src/decoders/reference/reference-decoder-options.js';
import { mulberry32 } from '../../../../src/jsutils/mulberry32.js';

/** Random positive per-bin values for `frames` codec frames (frames × bins). */
function rows(frames: number, bins: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  return Float32Array.from({ length: frames * bins }, () => 0.01 + random());
}

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

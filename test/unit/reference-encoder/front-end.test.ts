import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as ort from 'onnxruntime-node';
import { buildFrontEndModel } from '../../../scripts/build-model/encoder-graph.js';
import { ENVELOPE_BLOCKS, ENVELOPE_EPSILON, FEATURE_DIM, hannWindow, MEL_BANDS, MEL_EPSILON } from '../../../scripts/build-model/front-end.js';
import { melFilterbank } from '../../../scripts/build-model/mel-filterbank.js';

const HOP = 1920;

/** The feature definition computed directly in float64: windowed 1920-point DFT → mel → log, and block energies. */
function referenceFeatures(frame: Float32Array): Float64Array {
  const window = hannWindow(HOP);
  const bank = melFilterbank(24_000, HOP, MEL_BANDS, 0, 12_000);
  const out = new Float64Array(FEATURE_DIM);
  const power = new Float64Array(HOP / 2 + 1);
  for (let k = 0; k <= HOP / 2; k++) {
    let re = 0;
    let im = 0;
    for (let n = 0; n < HOP; n++) {
      const x = frame[n]! * window[n]!;
      re += x * Math.cos((2 * Math.PI * ((k * n) % HOP)) / HOP);
      im -= x * Math.sin((2 * Math.PI * ((k * n) % HOP)) / HOP);
    }
    power[k] = re * re + im * im;
  }
  for (let b = 0; b < MEL_BANDS; b++) {
    let m = 0;
    for (let k = 0; k <= HOP / 2; k++) m += power[k]! * bank[k * MEL_BANDS + b]!;
    out[b] = Math.log(m + MEL_EPSILON);
  }
  const block = HOP / ENVELOPE_BLOCKS;
  for (let j = 0; j < ENVELOPE_BLOCKS; j++) {
    let e = 0;
    for (let n = j * block; n < (j + 1) * block; n++) e += frame[n]! ** 2;
    out[MEL_BANDS + j] = Math.log(e / block + ENVELOPE_EPSILON);
  }
  return out;
}

describe('reference encoder front end', () => {
  it('computes 64 log-mel bands and 8 log block energies per frame as the float64 definition does', async () => {
    const session = await ort.InferenceSession.create(buildFrontEndModel());
    try {
      // two frames: a chirp plus a tone, then a decaying click train
      const signal = Float32Array.from({ length: 2 * HOP }, (_, n) =>
        n < HOP ? 0.3 * Math.sin(n * n * 4e-4) + 0.2 * Math.sin(n * 0.9) : (n % 240 < 3 ? 0.8 : 0) * Math.exp(-(n - HOP) / 800) + 1e-3 * Math.sin(n * 2.1),
      );
      const out = await session.run({ audio: new ort.Tensor('float32', signal, [1, signal.length]) });
      const features = out['features']!;
      assert.deepEqual(features.dims, [2, FEATURE_DIM]);
      const got = features.data as Float32Array;
      for (let f = 0; f < 2; f++) {
        const want = referenceFeatures(signal.subarray(f * HOP, (f + 1) * HOP));
        for (let d = 0; d < FEATURE_DIM; d++) {
          assert.ok(Math.abs(got[f * FEATURE_DIM + d]! - want[d]!) < 0.02, `frame ${f} feature ${d}: ${got[f * FEATURE_DIM + d]} vs ${want[d]}`);
        }
      }
    } finally {
      await session.release();
    }
  });

  it('zero-pads a partial last frame: 1921 samples give 2 frames, the second from one sample', async () => {
    const session = await ort.InferenceSession.create(buildFrontEndModel());
    try {
      const signal = new Float32Array(HOP + 1).fill(0.25);
      const got = (await session.run({ audio: new ort.Tensor('float32', signal, [1, signal.length]) }))['features']!.data as Float32Array;
      const lastFrame = new Float32Array(HOP);
      lastFrame[0] = 0.25;
      const want = referenceFeatures(lastFrame);
      for (let d = 0; d < FEATURE_DIM; d++) assert.ok(Math.abs(got[FEATURE_DIM + d]! - want[d]!) < 0.02, `feature ${d}`);
    } finally {
      await session.release();
    }
  });
});

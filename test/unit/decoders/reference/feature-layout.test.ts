import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ENCODER_BINS, FEATURE_DIM, MEL_BANDS, encoderMelWeights } from '../../../../src/decoders/reference/feature-layout.js';
import { FEATURE_DIM as BUILD_FEATURE_DIM, MEL_BANDS as BUILD_MEL_BANDS } from '../../../../scripts/build-model/front-end.js';
import { melFilterbank } from '../../../../scripts/build-model/mel-filterbank.js';

describe('the reference feature layout', () => {
  it("restates the encoder build's filterbank and sizes exactly", () => {
    assert.equal(FEATURE_DIM, BUILD_FEATURE_DIM);
    assert.equal(MEL_BANDS, BUILD_MEL_BANDS);
    const built = melFilterbank(24_000, 1920, 64, 0, 12_000);
    assert.equal(built.length, ENCODER_BINS * MEL_BANDS);
    assert.deepEqual(Buffer.from(encoderMelWeights().buffer), Buffer.from(built.buffer));
  });
});

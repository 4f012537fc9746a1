import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../../src/errors.js';
import { destandardise, parseReferenceNormalisation, readReferenceNormalisation } from '../../../../src/decoders/reference/reference-normalisation.js';
import { buildFrontEndModel } from '../../../../scripts/build-model/encoder-graph.js';
import { readEncoderWeights } from '../../../../scripts/build-model/read-weights.js';
import { assertThrowsCode } from '../../../support/errors.js';
import { repoRoot } from '../../../support/paths.js';

const modelPath = join(repoRoot(), 'models', 'tokenscope-ref-v2', 'model.onnx');

describe('the reference standardisation', () => {
  it("reads tokenscope-ref-v2's mean and 1/std, the values its build trained", async () => {
    const norm = await readReferenceNormalisation(modelPath);
    const trained = readEncoderWeights(readFileSync(modelPath)).norm;
    assert.deepEqual([...norm.mean], [...trained.mean]);
    assert.deepEqual([...norm.invStd], [...trained.invStd]);
  });

  it('maps standardised values back to raw ones', () => {
    const mean = Float32Array.from({ length: 72 }, (_, d) => d - 30);
    const invStd = Float32Array.from({ length: 72 }, (_, d) => 1 / (1 + d / 10));
    const raw = Float32Array.from({ length: 144 }, (_, i) => Math.sin(i) * 5);
    const standardised = raw.map((v, i) => (v - mean[i % 72]!) * invStd[i % 72]!);
    destandardise(standardised, { mean, invStd }).forEach((v, i) => assert.ok(Math.abs(v - raw[i]!) < 1e-5));
  });

  it('refuses a model without the standardisation, naming the file and the initializer', () => {
    assertThrowsCode(() => parseReferenceNormalisation(buildFrontEndModel(), 'front-end.onnx'), ErrorCode.INVALID_MODEL, /front-end\.onnx: expected a float32 initializer 'feature_mean_\*' of 72 values .*; received none/);
  });
});

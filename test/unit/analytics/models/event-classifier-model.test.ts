import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitSoftmax, predictSoftmax } from '../../../../src/analytics/classifiers/softmax-regression.js';
import { contextFeatures } from '../../../../src/analytics/embeddings/context-features.js';
import { predictFromCentred } from '../../../../src/analytics/models/event-classifier-model.js';
import { mulberry32 } from '../../../../src/jsutils/mulberry32.js';

describe('predictFromCentred', () => {
  it('gives the probabilities predictSoftmax gives on the context features, edges included', () => {
    const random = mulberry32(5);
    const dim = 3;
    const frames = 30;
    const context = 2;
    const embeddings = Float32Array.from({ length: frames * dim }, () => random() * 4 - 2);
    const features = contextFeatures(embeddings, dim, { context });
    const targets = Uint8Array.from({ length: frames }, (_, f) => (embeddings[f * dim]! > 0.5 ? 1 : embeddings[f * dim + 1]! > 0.5 ? 2 : 0));
    const model = fitSoftmax({ rows: frames, width: features.width, features: features.values, targets }, { classes: 3, l2: 0.05, maxIterations: 50 });
    const slow = predictSoftmax(model, features.values, frames);
    const centred = contextFeatures(embeddings, dim, { context: 0 }).values;
    const fast = predictFromCentred(model, centred, dim, context);
    assert.equal(fast.length, slow.length);
    fast.forEach((p, i) => assert.ok(Math.abs(p - slow[i]!) < 1e-6, `probability ${i}: ${p} vs ${slow[i]}`));
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitSoftmax, predictSoftmax } from '../../../../src/analytics/classifiers/softmax-regression.js';
import type { Codebooks } from '../../../../src/codebooks/codebooks.js';
import { classProbabilities, eventClassifierFeatures } from '../../../../src/analytics/models/event-classifier-model.js';
import type { EventClassifierModel } from '../../../../src/analytics/models/event-classifier-model.js';
import { codeMatrix } from '../../../../src/domain/code-matrix.js';
import { CODEBOOK_SIZE, LAYER_COUNT } from '../../../../src/domain/contract.js';
import { mulberry32 } from '../../../../src/jsutils/mulberry32.js';

describe('classProbabilities', () => {
  it('gives the probabilities predictSoftmax gives on the context features, edges and partial layer sums included', () => {
    const random = mulberry32(5);
    const dim = 3;
    const vectors = Float32Array.from({ length: LAYER_COUNT * CODEBOOK_SIZE * dim }, () => random() * 2 - 1);
    const codebooks: Codebooks = { layers: LAYER_COUNT, entries: CODEBOOK_SIZE, dim, vectors, sha256: 'random' };
    const frames = 30;
    // Tokens from a small alphabet so that the file median is not trivially 0.
    const matrix = codeMatrix(Uint16Array.from({ length: frames * LAYER_COUNT }, () => Math.floor(random() * 6)));
    for (const settings of [{ context: 2, layers: 16 }, { context: 0, layers: 5 }]) {
      const features = eventClassifierFeatures(matrix, codebooks, settings);
      const targets = Uint8Array.from({ length: frames }, (_, f) => (features.values[f * features.width]! > 0.3 ? 1 : features.values[f * features.width + 1]! > 0.3 ? 2 : 0));
      const softmax = fitSoftmax({ rows: frames, width: features.width, features: features.values, targets }, { classes: 3, l2: 0.05, maxIterations: 50 });
      const model: EventClassifierModel = {
        classes: ['a', 'b'],
        settings: { ...settings, l2: 0.05, balance: 0, maxIterations: 50, backgroundPerEvent: 1000 },
        softmax,
        framesPerClass: [0, 0, 0],
        audioIds: [],
        codebooksSha256: 'random',
      };
      const slow = predictSoftmax(softmax, features.values, frames);
      const fast = classProbabilities(model, matrix, codebooks);
      assert.equal(fast.length, slow.length);
      fast.forEach((p, i) => assert.ok(Math.abs(p - slow[i]!) < 1e-5, `${JSON.stringify(settings)} probability ${i}: ${p} vs ${slow[i]}`));
    }
  });
});

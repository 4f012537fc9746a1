import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitSoftmax, predictSoftmax } from '../../../../src/analytics/classifiers/softmax-regression.js';
import { ErrorCode } from '../../../../src/errors.js';
import { assertThrowsCode } from '../../../support/errors.js';

// Three classes in the plane around (0, 0), (4, 0) and (0, 4), with a small deterministic jitter.
function clusters(perClass: number) {
  const centres = [[0, 0], [4, 0], [0, 4]];
  const features: number[] = [];
  const targets: number[] = [];
  for (let i = 0; i < perClass; i++) {
    centres.forEach(([x, y], c) => {
      features.push(x! + Math.sin(i * 1.7 + c), y! + Math.cos(i * 2.3 + c));
      targets.push(c);
    });
  }
  return { rows: targets.length, width: 2, features: Float32Array.from(features), targets: Uint8Array.from(targets) };
}

describe('softmax regression', () => {
  it('separates three separable classes: every training row gets its own class with probability > 0.9', () => {
    const data = clusters(20);
    const model = fitSoftmax(data, { classes: 3, l2: 1e-3, maxIterations: 200 });
    const p = predictSoftmax(model, data.features, data.rows);
    for (let i = 0; i < data.rows; i++) {
      assert.ok(p[i * 3 + data.targets[i]!]! > 0.9, `row ${i}: P = ${p[i * 3 + data.targets[i]!]}`);
      assert.ok(Math.abs(p[i * 3]! + p[i * 3 + 1]! + p[i * 3 + 2]! - 1) < 1e-6);
    }
  });

  it('treats a row of weight 2 exactly as the same row given twice', () => {
    const data = clusters(6);
    const weights = new Float64Array(data.rows).fill(1);
    weights[0] = 2;
    const weighted = fitSoftmax({ ...data, rowWeights: weights }, { classes: 3, l2: 0.1, maxIterations: 300 });
    const twice = fitSoftmax(
      { rows: data.rows + 1, width: 2, features: Float32Array.from([...data.features, data.features[0]!, data.features[1]!]), targets: Uint8Array.from([...data.targets, data.targets[0]!]) },
      { classes: 3, l2: 0.1, maxIterations: 300 },
    );
    // Different z-scoring (the duplicate shifts mean and std), same decision function: compare predictions.
    const a = predictSoftmax(weighted, data.features, data.rows);
    const b = predictSoftmax(twice, data.features, data.rows);
    a.forEach((v, i) => assert.ok(Math.abs(v - b[i]!) < 1e-4, `probability ${i}: ${v} vs ${b[i]}`));
  });

  it('shrinks every probability towards the class shares as the L2 penalty grows', () => {
    const data = clusters(10);
    const p = predictSoftmax(fitSoftmax(data, { classes: 3, l2: 1e4, maxIterations: 100 }), data.features, data.rows);
    p.forEach((v) => assert.ok(Math.abs(v - 1 / 3) < 0.01, `probability ${v}`));
  });

  it('refuses no rows, and a target outside the classes, naming the row', () => {
    assertThrowsCode(() => fitSoftmax({ rows: 0, width: 2, features: new Float32Array(0), targets: new Uint8Array(0) }, { classes: 2, l2: 1, maxIterations: 1 }), ErrorCode.INVALID_ARGUMENT, /at least one training row/);
    assertThrowsCode(
      () => fitSoftmax({ rows: 2, width: 1, features: Float32Array.from([0, 1]), targets: Uint8Array.from([0, 5]) }, { classes: 2, l2: 1, maxIterations: 1 }),
      ErrorCode.INVALID_ARGUMENT,
      /target 5 of row 1 is not a class 0\.\.1/,
    );
  });
});

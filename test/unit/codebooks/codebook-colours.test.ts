import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codebookColours } from '../../../src/codebooks/codebook-colours.js';
import { makeCodebooks } from '../../../src/codebooks/codebooks-npy.js';
import { mulberry32 } from '../../../src/jsutils/mulberry32.js';
import { referenceCodebookColours } from '../../support/codebook-colours-reference.js';
import { handCodebooks } from '../../support/hand-codebooks.js';

const rgb = (colours: Uint8Array, layer: number, token: number) => Array.from(colours.subarray(((layer - 1) * 2048 + token) * 3, ((layer - 1) * 2048 + token) * 3 + 3));

describe('codebookColours', () => {
  it('puts a layer\'s one direction of variance on red and leaves green and blue mid-grey', () => {
    // Layer 1: tokens 0 and 1 at ±(0, 3, 0), every other vector 0: the first component is the y axis.
    const colours = codebookColours(handCodebooks(3, { '1:0': [0, 3, 0], '1:1': [0, -3, 0] }));
    const [r0, g0, b0] = rgb(colours, 1, 0);
    const [r1] = rgb(colours, 1, 1);
    assert.equal(r0, 255, 'token 0 lies 32 standard deviations out: clipped');
    assert.equal(r1, 0);
    assert.deepEqual([g0, b0], [128, 128]);
    assert.deepEqual(rgb(colours, 1, 2), [128, 128, 128], 'the layer mean is mid-grey');
  });

  it('orders the channels by variance: the widest spread is red, the next green', () => {
    const vectors: Record<string, number[]> = {};
    for (let t = 0; t < 2048; t++) vectors[`2:${t}`] = [((t % 7) - 3) * 0.1, t % 2 ? 1 : -1];
    const colours = codebookColours(handCodebooks(2, vectors));
    const reds = new Set<number>();
    const greenOfStep: number[][] = Array.from({ length: 7 }, () => []);
    for (let t = 0; t < 2048; t++) {
      const [r, g, b] = rgb(colours, 2, t);
      reds.add(r!);
      greenOfStep[t % 7]!.push(g!);
      assert.equal(b, 128, 'no third direction');
    }
    assert.equal(reds.size, 2, 'red takes the ±1 axis');
    const steps = greenOfStep.map((g) => [Math.min(...g), Math.max(...g)] as const);
    for (let k = 0; k < 7; k++) assert.ok(steps[k]![1] - steps[k]![0] <= 1, `green takes the seven steps of the other axis: step ${k} spans ${steps[k]}`);
    for (let k = 1; k < 7; k++) assert.ok(Math.abs(steps[k]![0] - steps[k - 1]![0]) > 10, `step ${k} stands apart from step ${k - 1}`);
  });

  it('is the same on every call and colours the vector sign-consistently (largest loading positive)', () => {
    const codebooks = handCodebooks(2, { '3:5': [-4, 0], '3:6': [4, 0] });
    const a = codebookColours(codebooks);
    assert.deepEqual(a, codebookColours(codebooks));
    assert.ok(rgb(a, 3, 6)[0]! > rgb(a, 3, 5)[0]!, 'the positive end of the axis is red');
  });
});

describe('codebookColours against the unblocked implementation', () => {
  it('colours a random codebook exactly as the version with one pass per direction did', () => {
    for (const dim of [5, 24]) {
      const random = mulberry32(dim);
      const vectors = Float32Array.from({ length: 16 * 2048 * dim }, () => random() - 0.5);
      const codebooks = makeCodebooks(16, 2048, dim, vectors);
      assert.deepEqual(codebookColours(codebooks), referenceCodebookColours(codebooks), `D = ${dim}`);
    }
  });
});

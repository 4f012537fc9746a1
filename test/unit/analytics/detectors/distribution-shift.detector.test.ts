import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../../src/errors.js';
import { createDetectorRegistry } from '../../../../src/analytics/detectors/registry.js';
import { codeMatrix } from '../../../../src/domain/code-matrix.js';
import { assertRejectsCode } from '../../../support/errors.js';
import { frameRow, matrixFromRows } from '../../../support/matrices.js';
import { memoryDetectorContext } from '../../../support/memory-detector-context.js';

/** A matrix whose layer 1 holds `tokens` and every other layer 100. */
const layerOne = (...tokens: number[]) => matrixFromRows(tokens.map((t) => frameRow(100, { 1: t })));
const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} vs ${expected}`);
// The reference uses token 100 only, in every layer: Q = δ(100).
const ctx = () => memoryDetectorContext({ normal: [{ audioId: 1, matrix: layerOne(100, 100, 100, 100) }] });

describe('distributionShift detector', () => {
  it('scores the JSD in bits of the centred window against the reference, cut at the ends', async () => {
    const run = await createDetectorRegistry().run('distributionShift', { reference: 'normal', layers: [1], window: 3 }, layerOne(100, 100, 100, 5, 5, 5), ctx());
    // frame 2 sees {100, 100, 5}: P = (2/3, 1/3), M = (5/6, 1/6)
    const frame2 = 0.5 * ((2 / 3) * Math.log2(4 / 5) + (1 / 3) * 1) + 0.5 * Math.log2(6 / 5);
    // frame 3 sees {100, 5, 5}: P = (1/3, 2/3), M = (2/3, 1/3)
    const frame3 = 0.5 * (-1 / 3 + 2 / 3) + 0.5 * Math.log2(3 / 2);
    [0, 0, frame2, frame3, 1, 1].forEach((expected, f) => close(run.scores[f]!, expected));
  });

  it('averages the per-layer divergences over the layer group', async () => {
    // layer 2 matches the reference everywhere (JSD 0), so the mean is half of layer 1's
    const run = await createDetectorRegistry().run('distributionShift', { reference: 'normal', layers: [1, 2], window: 1 }, layerOne(5, 100), ctx());
    assert.deepEqual([...run.scores], [0.5, 0]);
  });

  it('uses the whole audio for every frame when it is shorter than the window', async () => {
    const run = await createDetectorRegistry().run('distributionShift', { reference: 'normal', layers: [1] }, layerOne(100, 5), ctx());
    const half = 0.5 * (0.5 * Math.log2(2 / 3) + 0.5) + 0.5 * Math.log2(4 / 3);
    close(run.scores[0]!, half);
    close(run.scores[1]!, half);
    assert.equal(run.params['window'], 25);
  });

  it('averages over the key layers 10–14 by default', async () => {
    const run = await createDetectorRegistry().run('distributionShift', { reference: 'normal', window: 1 }, matrixFromRows([frameRow(100, { 10: 5, 11: 5 })]), ctx());
    assert.deepEqual(run.params['layers'], [10, 11, 12, 13, 14]);
    assert.equal(run.scores[0], 2 / 5);
  });

  for (const length of [1, 7, 99]) {
    it(`agrees with the JSD computed from scratch for every frame of a noisy matrix, window ${length}`, async () => {
      let seed = 7;
      const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 6;
      const reference = codeMatrix(Uint16Array.from({ length: 40 * 16 }, () => next()));
      const scored = codeMatrix(Uint16Array.from({ length: 60 * 16 }, () => next() + (next() === 0 ? 3 : 0)));
      const context = memoryDetectorContext({ r: [{ audioId: 1, matrix: reference }] });
      const run = await createDetectorRegistry().run('distributionShift', { reference: 'r', layers: [3, 9], window: length }, scored, context);
      const column = (m: typeof scored, layer: number, from: number, to: number) => Array.from({ length: to - from }, (_, i) => m.tokens[(from + i) * 16 + layer - 1]!);
      for (let f = 0; f < 60; f++) {
        let sum = 0;
        for (const layer of [3, 9]) {
          const window = column(scored, layer, Math.max(0, f - (length - 1) / 2), Math.min(60, f + (length + 1) / 2));
          const all = column(reference, layer, 0, 40);
          let jsd = 0;
          for (let t = 0; t < 12; t++) {
            const p = window.filter((x) => x === t).length / window.length;
            const q = all.filter((x) => x === t).length / all.length;
            const m = (p + q) / 2;
            if (p > 0) jsd += 0.5 * p * Math.log2(p / m);
            if (q > 0) jsd += 0.5 * q * Math.log2(q / m);
          }
          sum += jsd;
        }
        assert.ok(Math.abs(run.scores[f]! - sum / 2) < 1e-9, `frame ${f}: ${run.scores[f]} vs ${sum / 2}`);
      }
    });
  }
});

describe('distributionShift detector misuse', () => {
  const registry = createDetectorRegistry();

  it('rejects an even window with INVALID_ARGUMENT', async () => {
    await assertRejectsCode(
      registry.run('distributionShift', { reference: 'normal', window: 24 }, layerOne(1), ctx()),
      ErrorCode.INVALID_ARGUMENT,
      /parameter window of detector distributionShift expects an odd integer in \[1, 1251\]; received 24 \(number\)/,
    );
  });

  it('passes on NOT_FOUND for an unknown reference', async () => {
    await assertRejectsCode(registry.run('distributionShift', { reference: 'gone' }, layerOne(1), ctx()), ErrorCode.NOT_FOUND, /no corpus named "gone"/);
  });
});

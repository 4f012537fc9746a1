import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../../src/errors.js';
import { createDetectorRegistry } from '../../../../src/analytics/detectors/registry.js';
import { assertRejectsCode } from '../../../support/errors.js';
import { frameRow, matrixFromRows } from '../../../support/matrices.js';
import { memoryDetectorContext } from '../../../support/memory-detector-context.js';

// f1 changes layer 3; f2 layers 5 and 7; f3 all 16; f4 none
const matrix = matrixFromRows([frameRow(1), frameRow(1, { 3: 2 }), frameRow(1, { 3: 2, 5: 9, 7: 9 }), frameRow(4), frameRow(4)]);
const ctx = memoryDetectorContext({});

describe('changeRate detector', () => {
  it('counts the layers whose token differs from the previous frame, 0 for frame 0', async () => {
    const run = await createDetectorRegistry().run('changeRate', {}, matrix, ctx);
    assert.deepEqual([...run.scores], [0, 1, 2, 16, 0]);
    // sorted [0, 0, 1, 2, 16]: p95 at index 3.8 → 16 − 14 × 0.2 = 13.2
    assert.ok(Math.abs(run.threshold - 13.2) < 1e-12);
    assert.deepEqual([...run.flagged], [0, 0, 0, 1, 0]);
  });

  it('counts only the chosen layers', async () => {
    const run = await createDetectorRegistry().run('changeRate', { layers: [5, 3] }, matrix, ctx);
    assert.deepEqual([...run.scores], [0, 1, 1, 2, 0]);
  });

  it('averages over a centred window cut at the ends', async () => {
    const run = await createDetectorRegistry().run('changeRate', { window: 3 }, matrix, ctx);
    assert.deepEqual([...run.scores], [0.5, 1, 19 / 3, 6, 8]);
  });
});

describe('changeRate detector misuse', () => {
  it('rejects an even window with INVALID_ARGUMENT', async () => {
    await assertRejectsCode(createDetectorRegistry().run('changeRate', { window: 2 }, matrix, ctx), ErrorCode.INVALID_ARGUMENT, /parameter window of detector changeRate expects an odd integer in \[1, 251\]; received 2/);
  });
});

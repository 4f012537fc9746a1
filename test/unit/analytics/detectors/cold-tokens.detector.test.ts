import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode, notFound } from '../../../../src/errors.js';
import type { DetectorContext } from '../../../../src/analytics/detectors/detector.js';
import { createDetectorRegistry } from '../../../../src/analytics/detectors/registry.js';
import type { ReferenceCounts } from '../../../../src/analytics/reference-counts.js';
import { assertRejectsCode } from '../../../support/errors.js';
import { frameRow, matrixFromRows } from '../../../support/matrices.js';

/** A reference where every layer has seen tokens 100 and 101 (101 only once). */
function reference(): ReferenceCounts {
  const perLayer = Array.from({ length: 16 }, () => {
    const h = new Uint32Array(2048);
    h[100] = 40;
    h[101] = 1;
    return h;
  });
  return { perLayer, totalTokens: 16 * 41 };
}

const ctx: DetectorContext = {
  referenceCounts: async (name) => {
    if (name !== 'normal') throw notFound(`no corpus named ${name}`);
    return reference();
  },
};

describe('coldTokens detector', () => {
  const registry = createDetectorRegistry();
  // frame 0: all warm; frame 1: layers 2 and 5 unseen; frame 2: all unseen; frame 3: token 101 (seen once)
  const matrix = matrixFromRows([frameRow(100), frameRow(100, { 2: 7, 5: 2047 }), frameRow(3), frameRow(101)]);

  it('flags frames with at least one token the reference never saw, by default', async () => {
    const run = await registry.run('coldTokens', { reference: 'normal' }, matrix, ctx);
    assert.deepEqual([...run.scores], [0, 2, 16, 0]);
    assert.equal(run.threshold, 1);
    assert.equal(run.comparison, 'AT_LEAST');
    assert.deepEqual([...run.flagged], [0, 1, 1, 0]);
    assert.deepEqual(run.anomalies.map((a) => [a.startFrame, a.endFrame, a.peakFrame, a.score]), [[1, 3, 2, 16]]);
    assert.deepEqual(run.params, { reference: 'normal', layers: [...Array(16).keys()].map((i) => i + 1), maxReferenceCount: 0, minColdTokens: 1 });
  });

  it('counts tokens seen up to maxReferenceCount times as cold and flags from minColdTokens on', async () => {
    const run = await registry.run('coldTokens', { reference: 'normal', maxReferenceCount: 1, minColdTokens: 3 }, matrix, ctx);
    assert.deepEqual([...run.scores], [0, 2, 16, 16]);
    assert.deepEqual([...run.flagged], [0, 0, 1, 1]);
    assert.equal(run.threshold, 3);
  });

  it('checks only the chosen layers', async () => {
    const run = await registry.run('coldTokens', { reference: 'normal', layers: [5, 1] }, matrix, ctx);
    assert.deepEqual([...run.scores], [0, 1, 2, 0]);
  });
});

describe('coldTokens detector misuse', () => {
  const registry = createDetectorRegistry();
  const matrix = matrixFromRows([frameRow(100)]);

  it('requires a reference corpus name', async () => {
    await assertRejectsCode(registry.run('coldTokens', {}, matrix, ctx), ErrorCode.INVALID_ARGUMENT, /parameter reference of detector coldTokens is required/);
  });

  it('passes on NOT_FOUND for an unknown reference corpus', async () => {
    await assertRejectsCode(registry.run('coldTokens', { reference: 'missing' }, matrix, ctx), ErrorCode.NOT_FOUND, /no corpus named missing/);
  });

  it('rejects minColdTokens below 1', async () => {
    await assertRejectsCode(registry.run('coldTokens', { reference: 'normal', minColdTokens: 0 }, matrix, ctx), ErrorCode.INVALID_ARGUMENT, /minColdTokens .* expects an integer ≥ 1; received 0/);
  });

  it('rejects a reference without tokens', async () => {
    const empty: DetectorContext = { referenceCounts: async () => ({ ...reference(), totalTokens: 0 }) };
    await assertRejectsCode(registry.run('coldTokens', { reference: 'normal' }, matrix, empty), ErrorCode.INVALID_ARGUMENT, /reference corpus normal holds no tokens/);
  });
});

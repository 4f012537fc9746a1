import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../../src/errors.js';
import type { DetectorContext } from '../../../../src/analytics/detectors/detector.js';
import { createDetectorRegistry } from '../../../../src/analytics/detectors/registry.js';
import { resolveParams } from '../../../../src/analytics/detectors/resolve-params.js';
import { keyLayerVarianceDetector } from '../../../../src/analytics/detectors/key-layer-variance.detector.js';
import { assertRejectsCode, assertThrowsCode } from '../../../support/errors.js';
import { frameRow, matrixFromRows } from '../../../support/matrices.js';

const noReferences: DetectorContext = {
  referenceCounts: (name) => Promise.reject(new Error(`unexpected reference lookup of ${name}`)),
};

describe('createDetectorRegistry', () => {
  const registry = createDetectorRegistry();

  it('lists the built-in detectors in order', () => {
    assert.deepEqual(
      registry.list().map((d) => d.name),
      ['keyLayerVariance', 'interLayerSpread', 'coldTokens', 'tokenSurprisal', 'distributionShift', 'changeRate', 'tokenEnrichment', 'embeddingNovelty', 'embeddingChange', 'eventClassifier'],
    );
  });

  it('documents every detector and parameter, and every default passes its own spec', () => {
    for (const detector of registry.list()) {
      assert.ok(detector.description.length > 80, `${detector.name} description is too short`);
      for (const spec of detector.parameters) {
        assert.ok(spec.description.length > 10, `${detector.name}.${spec.name} has no description`);
        if (spec.default !== undefined) {
          const params = resolveParams({ name: detector.name, parameters: [spec] }, { [spec.name]: spec.default });
          assert.deepEqual(params[spec.name], spec.default);
        }
      }
    }
  });

  it('runs a detector by name with defaults filled in and reports the resolved parameters', async () => {
    // frame 3's key layers jump; with 5 frames the 95th percentile lies between 0 and its score
    const rows = [frameRow(1), frameRow(1), frameRow(1), frameRow(1, { 12: 2000 }), frameRow(1)];
    const run = await registry.run('keyLayerVariance', {}, matrixFromRows(rows), noReferences);
    assert.equal(run.detector, 'keyLayerVariance');
    assert.deepEqual(run.params, { layers: [10, 11, 12, 13, 14], percentile: 95 });
    assert.deepEqual([...run.flagged], [0, 0, 0, 1, 0]);
    assert.deepEqual(
      run.anomalies.map((a) => [a.startFrame, a.endFrame, a.peakFrame]),
      [[3, 4, 3]],
    );
  });

  it('records the default threshold rule and segmenter it used', async () => {
    const run = await registry.run('keyLayerVariance', { percentile: 50 }, matrixFromRows([frameRow(1), frameRow(1, { 12: 9 })]), noReferences);
    assert.deepEqual(run.thresholdRule, { rule: 'percentile', percentile: 50 });
    assert.deepEqual(run.segmenter, { mergeGapFrames: 0, minEventFrames: 1, padFrames: 0 });
    assert.equal(run.lowThreshold, undefined);
  });

  it('applies and records a threshold rule given with the parameters', async () => {
    // key-layer variance: frames 1 and 3 jump (3 higher); top-1 keeps frame 3 only
    const rows = [frameRow(1), frameRow(1, { 12: 100 }), frameRow(1), frameRow(1, { 12: 900 })];
    const run = await registry.run('keyLayerVariance', { threshold: { rule: 'topK', k: 1 } }, matrixFromRows(rows), noReferences);
    assert.deepEqual(run.params, { layers: [10, 11, 12, 13, 14], percentile: 95 });
    assert.deepEqual(run.thresholdRule, { rule: 'topK', k: 1 });
    assert.equal(run.threshold, run.scores[3]);
    assert.equal(run.comparison, 'AT_LEAST');
    assert.deepEqual([...run.flagged], [0, 0, 0, 1]);
  });

  it('reports both thresholds of a hysteresis rule', async () => {
    const rows = [frameRow(1), frameRow(1, { 12: 100 }), frameRow(1, { 12: 50 }), frameRow(1)];
    const run = await registry.run('keyLayerVariance', { threshold: { rule: 'hysteresis', high: 1500, low: 100, levels: 'value' } }, matrixFromRows(rows), noReferences);
    // key layers [1,1,100,1,1]: mean 20.8, variance (4 × 19.8² + 79.2²) / 5 = 1568.16;
    // [1,1,50,1,1]: mean 10.8, variance (4 × 9.8² + 39.2²) / 5 = 384.16 — opens at 1, stays at 2, closes at 3
    assert.ok(Math.abs(run.scores[1]! - 1568.16) < 1e-9 && Math.abs(run.scores[2]! - 384.16) < 1e-9, `${[...run.scores]}`);
    assert.equal(run.threshold, 1500);
    assert.equal(run.lowThreshold, 100);
    assert.deepEqual([...run.flagged], [0, 1, 1, 0]);
  });

  it('segments the flags with the given segmenter and keeps the flags as the rule set them', async () => {
    const rows = [frameRow(1, { 12: 900 }), frameRow(1), frameRow(1, { 12: 900 }), frameRow(1), frameRow(1)];
    const run = await registry.run('keyLayerVariance', { threshold: { rule: 'fixed', value: 0 }, segmenter: { mergeGapFrames: 1, padFrames: 1 } }, matrixFromRows(rows), noReferences);
    assert.deepEqual([...run.flagged], [1, 0, 1, 0, 0]);
    assert.deepEqual(run.anomalies.map((a) => [a.startFrame, a.endFrame, a.peakFrame]), [[0, 4, 0]]);
    assert.deepEqual(run.segmenter, { mergeGapFrames: 1, minEventFrames: 1, padFrames: 1 });
  });

  it('keeps coldTokens\' fixed AT_LEAST rule as its default', () => {
    const detector = registry.get('coldTokens');
    assert.deepEqual(detector.defaultThreshold({ minColdTokens: 3 }), { rule: 'fixed', value: 3, comparison: 'AT_LEAST' });
  });

  it('returns the same detector object from get', () => {
    assert.equal(registry.get('keyLayerVariance'), keyLayerVarianceDetector);
  });
});

describe('createDetectorRegistry misuse', () => {
  const registry = createDetectorRegistry();

  it('rejects an unknown detector name with NOT_FOUND, listing the known names', () => {
    assertThrowsCode(
      () => registry.get('keyLayerVarience'),
      ErrorCode.NOT_FOUND,
      /no detector named "keyLayerVarience"; known detectors: keyLayerVariance, interLayerSpread, coldTokens/,
    );
  });

  it('rejects running an unknown detector with NOT_FOUND', async () => {
    await assertRejectsCode(registry.run('nope', {}, matrixFromRows([frameRow(1)]), noReferences), ErrorCode.NOT_FOUND, /no detector named "nope"/);
  });

  it('rejects bad parameters with INVALID_ARGUMENT before running', async () => {
    await assertRejectsCode(
      registry.run('interLayerSpread', { percentile: 101 }, matrixFromRows([frameRow(1)]), noReferences),
      ErrorCode.INVALID_ARGUMENT,
      /parameter percentile of detector interLayerSpread expects a finite number in \[0, 100\]; received 101/,
    );
  });

  it('rejects a matrix without frames with INVALID_ARGUMENT', async () => {
    await assertRejectsCode(
      registry.run('keyLayerVariance', {}, matrixFromRows([]), noReferences),
      ErrorCode.INVALID_ARGUMENT,
      /at least one frame; received 0 frames/,
    );
  });

  it('rejects a shorthand percentile together with an explicit threshold', async () => {
    await assertRejectsCode(
      registry.run('keyLayerVariance', { percentile: 90, threshold: { rule: 'robustZ' } }, matrixFromRows([frameRow(1)]), noReferences),
      ErrorCode.INVALID_ARGUMENT,
      /detector keyLayerVariance takes either percentile or threshold, not both; received both/,
    );
  });

  it('rejects a bad threshold rule or segmenter naming the field', async () => {
    const one = matrixFromRows([frameRow(1)]);
    await assertRejectsCode(registry.run('changeRate', { threshold: { rule: 'topK', k: 0 } }, one, noReferences), ErrorCode.INVALID_ARGUMENT, /parameter threshold.k of detector changeRate expects an integer ≥ 1; received 0/);
    await assertRejectsCode(registry.run('changeRate', { threshold: { rule: 'median' } }, one, noReferences), ErrorCode.INVALID_ARGUMENT, /parameter threshold.rule of detector changeRate expects one of percentile, robustZ, fixed, topK, hysteresis; received "median"/);
    await assertRejectsCode(registry.run('changeRate', { segmenter: { padFrames: 1.5 } }, one, noReferences), ErrorCode.INVALID_ARGUMENT, /parameter segmenter.padFrames of detector changeRate expects an integer ≥ 0; received 1\.5/);
  });

  it('lists threshold and segmenter among the known parameters of an unknown one', async () => {
    await assertRejectsCode(
      registry.run('changeRate', { windw: 3 }, matrixFromRows([frameRow(1)]), noReferences),
      ErrorCode.INVALID_ARGUMENT,
      /detector changeRate has no parameter "windw"; known parameters: layers, window, threshold, segmenter/,
    );
  });

  it('refuses two detectors with the same name with ALREADY_EXISTS', () => {
    assertThrowsCode(
      () => createDetectorRegistry([keyLayerVarianceDetector, keyLayerVarianceDetector]),
      ErrorCode.ALREADY_EXISTS,
      /detector keyLayerVariance is registered twice/,
    );
  });
});

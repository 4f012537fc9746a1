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
      ['keyLayerVariance', 'interLayerSpread', 'coldTokens'],
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

  it('refuses two detectors with the same name with ALREADY_EXISTS', () => {
    assertThrowsCode(
      () => createDetectorRegistry([keyLayerVarianceDetector, keyLayerVarianceDetector]),
      ErrorCode.ALREADY_EXISTS,
      /detector keyLayerVariance is registered twice/,
    );
  });
});

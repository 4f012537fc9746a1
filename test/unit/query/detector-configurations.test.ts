import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDetectorRegistry } from '../../../src/analytics/detectors/registry.js';
import { resolveConfigurations } from '../../../src/query/detector-configurations.js';

const registry = createDetectorRegistry();

describe('resolveConfigurations', () => {
  it('expands a parameter sweep into one labelled configuration per value, in order', () => {
    const out = resolveConfigurations(registry, [{ name: 'keyLayerVariance', sweep: { parameter: 'percentile', values: [90, 95] } }], 64);
    assert.deepEqual(out.map((c) => c.label), ['keyLayerVariance {"percentile":90}', 'keyLayerVariance {"percentile":95}']);
    assert.deepEqual(out.map((c) => c.thresholdRule), [{ rule: 'percentile', percentile: 90 }, { rule: 'percentile', percentile: 95 }]);
  });

  it('sweeps a threshold field inside the detector\'s default rule when no rule is given', () => {
    const out = resolveConfigurations(registry, [{ name: 'changeRate', sweep: { parameter: 'threshold.percentile', values: [80] } }], 64);
    assert.equal(out[0]!.thresholdRule.rule, 'percentile');
    assert.equal((out[0]!.thresholdRule as { percentile: number }).percentile, 80);
  });

  it('sweeps a segmenter field and takes threshold as shorthand for params.threshold', () => {
    const [out] = resolveConfigurations(registry, [{ name: 'changeRate', threshold: { rule: 'robustZ', k: 2 }, sweep: { parameter: 'segmenter.minEventFrames', values: [3] } }], 64);
    assert.equal(out!.segmenter.minEventFrames, 3);
    assert.deepEqual(out!.thresholdRule, { rule: 'robustZ', k: 2 });
  });

  it('names the configuration in every error and counts configurations after expansion', () => {
    assert.throws(() => resolveConfigurations(registry, [{ name: 'changeRate' }, { name: 'nope' }], 64), (e: Error & { code?: string }) => e.code === 'NOT_FOUND' && /^detectors\[1\]: no detector named "nope"/.test(e.message));
    assert.throws(() => resolveConfigurations(registry, [{ name: 'keyLayerVariance', params: { percentile: -1 } }], 64), /detectors\[0\]: parameter percentile of detector keyLayerVariance expects/);
    assert.throws(
      () => resolveConfigurations(registry, [{ name: 'changeRate', sweep: { parameter: 'threshold.percentile', values: [90, 91, 92] } }], 2),
      (e: Error & { code?: string }) => e.code === 'LIMIT_EXCEEDED' && /at most 2 configurations .*received 3/.test(e.message),
    );
    assert.throws(() => resolveConfigurations(registry, [], 64), /at least one configuration/);
  });
});

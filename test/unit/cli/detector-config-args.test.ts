import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDetectorSpec, parseSweep, withSweeps } from '../../../src/cli/detector-config-args.js';

describe('compare command arguments', () => {
  it('reads a detector spec as a name or a name with JSON params', () => {
    assert.deepEqual(parseDetectorSpec('changeRate'), { name: 'changeRate' });
    assert.deepEqual(parseDetectorSpec('keyLayerVariance:{"percentile":90,"layers":[10,11]}'), { name: 'keyLayerVariance', params: { percentile: 90, layers: [10, 11] } });
  });

  it('rejects params that are not a JSON object', () => {
    assert.throws(() => parseDetectorSpec('x:{percentile:90}'), /are not JSON/);
    assert.throws(() => parseDetectorSpec('x:[1]'), /with a JSON object/);
  });

  it('reads a sweep as a list or an inclusive integer range', () => {
    assert.deepEqual(parseSweep('keyLayerVariance=percentile=90..93'), { detector: 'keyLayerVariance', parameter: 'percentile', values: [90, 91, 92, 93] });
    assert.deepEqual(parseSweep('tokenEnrichment=label=cough,*'), { detector: 'tokenEnrichment', parameter: 'label', values: ['cough', '*'] });
    assert.deepEqual(parseSweep('x=threshold.k=2.5,3'), { detector: 'x', parameter: 'threshold.k', values: [2.5, 3] });
    assert.throws(() => parseSweep('x=percentile'), /detector=parameter=v1,v2/);
    assert.throws(() => parseSweep('x=p=9..3'), /runs backwards/);
  });

  it('attaches a sweep to the configurations of its detector, adding one when none was given', () => {
    const out = withSweeps([{ name: 'a', params: { k: 1 } }, { name: 'b' }], [
      { detector: 'a', parameter: 'p', values: [1, 2] },
      { detector: 'c', parameter: 'q', values: [3] },
    ]);
    assert.deepEqual(out, [
      { name: 'a', params: { k: 1 }, sweep: { parameter: 'p', values: [1, 2] } },
      { name: 'b' },
      { name: 'c', sweep: { parameter: 'q', values: [3] } },
    ]);
    assert.throws(() => withSweeps([{ name: 'a' }], [{ detector: 'a', parameter: 'p', values: [1] }, { detector: 'a', parameter: 'q', values: [1] }]), /swept twice/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { href, parseRoute, withParams } from '../../../src/dashboard/route.js';

describe('dashboard routes', () => {
  it('parses view, id and parameters, with corpora as the default view', () => {
    const r = parseRoute('#/audio/12?t=63.20&detector=keyLayerVariance');
    assert.equal(r.view, 'audio');
    assert.equal(r.id, '12');
    assert.equal(r.params.get('t'), '63.20');
    assert.equal(r.params.get('detector'), 'keyLayerVariance');
    assert.deepEqual([parseRoute('').view, parseRoute('#/').view, parseRoute('#').id], ['corpora', 'corpora', null]);
  });

  it('builds hashes that parse back to the same values, JSON parameters and odd ids included', () => {
    const params = { detector: 'tokenSurprisal', params: JSON.stringify({ reference: 'a b&c', threshold: { rule: 'topK', k: 5 } }) };
    const hash = href('audio', 'x/y', { ...params, empty: '', none: null });
    const back = parseRoute(hash);
    assert.equal(back.id, 'x/y');
    assert.deepEqual(Object.fromEntries(back.params), params, 'empty and null values are left out');
  });

  it('merges parameters into a hash, removing those set empty', () => {
    assert.equal(withParams('#/tokens?target=a&layer=3', { layer: 5, max: 0, target: null }), '#/tokens?layer=5&max=0');
    assert.equal(withParams('#/lab', {}), '#/lab');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../../src/errors.js';
import { createModelCache } from '../../../../src/analytics/models/model-cache.js';
import type { ModelKey } from '../../../../src/analytics/models/model-cache.js';
import { assertThrowsCode } from '../../../support/errors.js';

const key = (corpus: string, version = 'v1', params: Record<string, unknown> = { order: 2 }): ModelKey => ({ detector: 'probe', corpus, version, params });

/** A fit that counts its calls and returns `name#call`. */
function counter(name: string) {
  let calls = 0;
  return { fit: async () => `${name}#${++calls}`, calls: () => calls };
}

describe('createModelCache', () => {
  it('fits once and then serves the model from the cache', async () => {
    const cache = createModelCache();
    const a = counter('a');
    assert.equal(await cache.getOrFit(key('normal'), a.fit), 'a#1');
    assert.equal(await cache.getOrFit(key('normal'), a.fit), 'a#1');
    assert.equal(a.calls(), 1);
  });

  it('does not care about the order of parameter names', async () => {
    const cache = createModelCache();
    const a = counter('a');
    await cache.getOrFit(key('normal', 'v1', { order: 2, layers: [1] }), a.fit);
    await cache.getOrFit(key('normal', 'v1', { layers: [1], order: 2 }), a.fit);
    assert.equal(a.calls(), 1);
  });

  it('fits again when the parameters differ', async () => {
    const cache = createModelCache();
    const a = counter('a');
    await cache.getOrFit(key('normal', 'v1', { order: 1 }), a.fit);
    await cache.getOrFit(key('normal', 'v1', { order: 2 }), a.fit);
    assert.equal(a.calls(), 2);
    assert.equal(cache.size, 2);
  });

  it('refits when the corpus version changes and drops the stale model', async () => {
    const cache = createModelCache();
    const a = counter('a');
    assert.equal(await cache.getOrFit(key('normal', 'v1'), a.fit), 'a#1');
    assert.equal(await cache.getOrFit(key('normal', 'v2'), a.fit), 'a#2');
    assert.equal(cache.size, 1);
    assert.equal(await cache.getOrFit(key('normal', 'v1'), a.fit), 'a#3', 'the v1 model was dropped');
  });

  it('drops the least recently used model beyond its capacity', async () => {
    const cache = createModelCache(2);
    const a = counter('a');
    await cache.getOrFit(key('x'), a.fit); // a#1
    await cache.getOrFit(key('y'), a.fit); // a#2
    await cache.getOrFit(key('x'), a.fit); // hit: x is now the most recent
    await cache.getOrFit(key('z'), a.fit); // a#3 evicts y
    assert.equal(cache.size, 2);
    assert.equal(await cache.getOrFit(key('x'), a.fit), 'a#1');
    assert.equal(await cache.getOrFit(key('y'), a.fit), 'a#4');
  });

  it('shares one fit between concurrent calls', async () => {
    const cache = createModelCache();
    const a = counter('a');
    const models = await Promise.all([cache.getOrFit(key('n'), a.fit), cache.getOrFit(key('n'), a.fit)]);
    assert.deepEqual(models, ['a#1', 'a#1']);
    assert.equal(a.calls(), 1);
  });

  it('does not keep a failed fit', async () => {
    const cache = createModelCache();
    await assert.rejects(cache.getOrFit(key('n'), () => Promise.reject(new Error('corpus vanished'))), /corpus vanished/);
    assert.equal(cache.size, 0);
    assert.equal(await cache.getOrFit(key('n'), async () => 'ok'), 'ok');
  });

  it('rejects a capacity below 1 with INVALID_ARGUMENT', () => {
    assertThrowsCode(() => createModelCache(0), ErrorCode.INVALID_ARGUMENT, /model cache capacity must be an integer ≥ 1; received 0/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { approximateBytes } from '../../../src/query/approximate-bytes.js';
import { ResultCache } from '../../../src/query/result-cache.js';

/** A computation that resolves when told to, counting how often it was started. */
function gated<T>(value: T): { compute: () => Promise<T>; release: () => void; started: () => number } {
  let starts = 0;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  return { compute: async () => (starts++, await gate, value), release: () => release(), started: () => starts };
}

describe('ResultCache', () => {
  it('answers a second request for the same key from the first computation', async () => {
    const cache = new ResultCache();
    let computed = 0;
    const compute = async () => ({ n: ++computed });
    assert.deepEqual(await cache.get('k', compute), { n: 1 });
    assert.deepEqual(await cache.get('k', compute), { n: 1 });
    assert.equal(computed, 1);
    assert.deepEqual({ hits: cache.stats.hits, misses: cache.stats.misses, entries: cache.stats.entries }, { hits: 1, misses: 1, entries: 1 });
  });

  it('computes once for many identical requests that miss at the same time', async () => {
    const cache = new ResultCache();
    const g = gated([1, 2, 3]);
    const waiting = Array.from({ length: 10 }, () => cache.get('same', g.compute));
    g.release();
    const answers = await Promise.all(waiting);
    assert.equal(g.started(), 1);
    for (const a of answers) assert.equal(a, answers[0], 'every waiter gets the one result');
    assert.equal(cache.stats.misses, 1);
    assert.equal(cache.stats.hits, 9);
  });

  it('keeps no failure: the next request computes again', async () => {
    const cache = new ResultCache();
    let calls = 0;
    const failing = async () => {
      calls++;
      throw new Error('no such corpus');
    };
    await assert.rejects(cache.get('k', failing), /no such corpus/);
    await assert.rejects(cache.get('k', failing), /no such corpus/);
    assert.equal(calls, 2);
    assert.equal(cache.stats.entries, 0);
  });

  it('does not keep a result that `keep` refuses', async () => {
    const cache = new ResultCache();
    await cache.get('k', async () => [], (rows) => rows.length > 0);
    assert.equal(cache.stats.entries, 0);
  });

  it('holds at most maxBytes, dropping the least recently used result first', async () => {
    const value = () => new Float64Array(1000); // about 8 kB each
    const one = approximateBytes(value()) + 2;
    const cache = new ResultCache(one * 4);
    for (const k of ['a', 'b', 'c', 'd']) await cache.get(k, async () => value());
    await cache.get('a', async () => value()); // a is now the most recently used
    await cache.get('e', async () => value());
    assert.ok(cache.stats.bytes <= cache.maxBytes, `${cache.stats.bytes} bytes held, bound ${cache.maxBytes}`);
    assert.equal(cache.stats.entries, 4);
    assert.equal(cache.stats.evictions, 1);
    let recomputed = 0;
    await cache.get('b', async () => (recomputed++, value()));
    assert.equal(recomputed, 1, 'b, the least recently used, was dropped');
    await cache.get('a', async () => (recomputed++, value()));
    assert.equal(recomputed, 1, 'a was kept');
  });

  it('returns but does not keep a result larger than a quarter of the bound', async () => {
    const cache = new ResultCache(4096);
    const big = new Uint8Array(2048);
    assert.equal(await cache.get('big', async () => big), big);
    assert.equal(cache.stats.entries, 0);
    assert.equal(cache.stats.bytes, 0);
  });

  it('rejects a bound that is not a non-negative integer, naming it', () => {
    assert.throws(() => new ResultCache(-1), /maxBytes must be an integer ≥ 0; received -1/);
  });
});

describe('approximateBytes', () => {
  it('counts typed arrays by their bytes and shared objects once', () => {
    const shared = new Float64Array(100);
    assert.ok(approximateBytes(shared) >= 800);
    const twice = approximateBytes([shared, shared]);
    assert.ok(twice < 2 * 800, `${twice} bytes for one array listed twice`);
    assert.ok(approximateBytes({ name: 'x'.repeat(1000) }) >= 2000);
  });
});

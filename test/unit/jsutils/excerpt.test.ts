import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXCERPT_CHARACTERS, clip, excerpt } from '../../../src/jsutils/excerpt.js';

/** [[[…[1]…]]] nested `depth` arrays deep, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('excerpt', () => {
  it('renders short values as their JSON', () => {
    assert.equal(excerpt('mix'), '"mix"');
    assert.equal(excerpt(95), '95');
    assert.equal(excerpt(null), 'null');
    assert.equal(excerpt(undefined), 'undefined');
    assert.equal(excerpt({ a: [1, 'b', null], c: true }), JSON.stringify({ a: [1, 'b', null], c: true }));
    assert.equal(excerpt([undefined, () => 1]), '[null,null]');
    assert.equal(excerpt({ a: undefined, b: 1 }), '{"b":1}');
    assert.equal(excerpt(new Date(0)), '"1970-01-01T00:00:00.000Z"');
  });

  it('cuts a long string to its first characters and says how long it was', () => {
    const text = excerpt('x'.repeat(900_000));
    assert.equal(text, `"${'x'.repeat(EXCERPT_CHARACTERS - 1)}… (900002 characters)`);
  });

  it('cuts a large object the same way, counting the characters of its whole form', () => {
    const value = Array.from({ length: 10_000 }, (_, i) => i);
    const text = excerpt(value, 20);
    assert.equal(text, `${JSON.stringify(value).slice(0, 20)}… (${JSON.stringify(value).length} characters)`);
  });

  it('renders a value nested 100,000 deep without overflowing the stack', () => {
    const text = excerpt(nested(100_000), 10);
    assert.equal(text, `[[[[[[[[[[… (${2 * 100_000 + 1} characters)`);
  });

  it('renders bigints as digits, NaN by name and cycles as "[Circular]"', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    assert.equal(excerpt(12n), '12');
    assert.equal(excerpt([NaN, 2n ** 70n]), `[NaN,${(2n ** 70n).toString()}]`);
    assert.equal(excerpt(cyclic), '{"a":1,"self":"[Circular]"}');
  });

  it('renders a value shared twice (not a cycle) both times', () => {
    const shared = [1];
    assert.equal(excerpt([shared, shared]), '[[1],[1]]');
  });
});

describe('clip', () => {
  it('keeps a short string as it is, unquoted, and cuts a long one', () => {
    assert.equal(clip('mix'), 'mix');
    assert.equal(clip('y'.repeat(500), 10), `${'y'.repeat(10)}… (500 characters)`);
  });
});

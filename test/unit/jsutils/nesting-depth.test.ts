import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nestingDepth } from '../../../src/jsutils/nesting-depth.js';

describe('nestingDepth', () => {
  it('counts arrays and objects: a scalar is 0, [1] is 1, {"a": [1]} is 2', () => {
    assert.equal(nestingDepth(3), 0);
    assert.equal(nestingDepth(null), 0);
    assert.equal(nestingDepth([1]), 1);
    assert.equal(nestingDepth({ a: [1], b: 2 }), 2);
    assert.equal(nestingDepth([[], [[[]]], 1]), 4);
  });

  it('measures a value 100,000 deep without overflowing the stack', () => {
    let value: unknown = 1;
    for (let i = 0; i < 100_000; i++) value = [value];
    assert.equal(nestingDepth(value), 100_000);
  });

  it('stops past the limit, answering limit + 1, even for a cyclic value', () => {
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    assert.equal(nestingDepth(cyclic, 32), 33);
    assert.equal(nestingDepth([[[1]]], 3), 3);
    assert.equal(nestingDepth([[[[1]]]], 3), 4);
  });
});

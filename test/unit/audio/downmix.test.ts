import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { downmix } from '../../../src/audio/downmix.js';

describe('downmix', () => {
  it('averages two channels sample by sample', () => {
    assert.deepEqual(downmix([Float32Array.of(1, 0.5, -1), Float32Array.of(0, 0.5, 0)]), Float32Array.of(0.5, 0.5, -0.5));
  });

  it('averages any number of channels (three here)', () => {
    assert.deepEqual(downmix([Float32Array.of(0.75), Float32Array.of(0), Float32Array.of(-0.75)]), Float32Array.of(0));
    assert.deepEqual(downmix([Float32Array.of(0.5), Float32Array.of(0.25), Float32Array.of(0.75)]), Float32Array.of(0.5));
  });

  it('returns a mono channel unchanged', () => {
    const mono = Float32Array.of(0.1, 0.2);
    assert.equal(downmix([mono]), mono);
  });
});

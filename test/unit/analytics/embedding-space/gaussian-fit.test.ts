import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GaussianAccumulator } from '../../../../src/analytics/embedding-space/gaussian-fit.js';
import { mulberry32 } from '../../../../src/jsutils/mulberry32.js';

describe('GaussianAccumulator', () => {
  it('gives the mean and the sample covariance (numpy.cov, ddof 1) of the frames, whatever the blocks they came in', () => {
    const next = mulberry32(11);
    const dim = 3;
    const frames = Array.from({ length: 40 }, () => Array.from({ length: dim }, () => 1000 + next()));
    const acc = new GaussianAccumulator(dim);
    acc.add(Float32Array.from(frames.slice(0, 7).flat())).add(new Float32Array(0)).add(Float32Array.from(frames.slice(7).flat()));
    const fit = acc.fit();
    const f32 = frames.map((row) => row.map((v) => Math.fround(v)));
    const mean = Array.from({ length: dim }, (_, i) => f32.reduce((s, r) => s + r[i]!, 0) / f32.length);
    assert.equal(fit.frames, 40);
    for (let i = 0; i < dim; i++) {
      assert.ok(Math.abs(fit.mean[i]! - mean[i]!) < 1e-9);
      for (let j = 0; j < dim; j++) {
        const cov = f32.reduce((s, r) => s + (r[i]! - mean[i]!) * (r[j]! - mean[j]!), 0) / (f32.length - 1);
        // Values near 1000 with a spread of 0.3: a naive Σx² − nμ² would lose most digits here.
        assert.ok(Math.abs(fit.covariance[i * dim + j]! - cov) < 1e-9 * Math.abs(cov) + 1e-12, `cov[${i}][${j}]`);
      }
    }
  });

  it('gives zero covariance for one frame and zeros for none', () => {
    const one = new GaussianAccumulator(2).add(Float32Array.of(3, 4)).fit();
    assert.deepEqual([Array.from(one.mean), Array.from(one.covariance)], [[3, 4], [0, 0, 0, 0]]);
    const none = new GaussianAccumulator(2).fit();
    assert.deepEqual([none.frames, Array.from(none.mean)], [0, [0, 0]]);
  });
});

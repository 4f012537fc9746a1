import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PeakBins, peakColumns } from '../../../src/signal/peaks.js';

describe('PeakBins', () => {
  it('keeps each bin\'s minimum, maximum and mean square, whatever the chunking', () => {
    const signal = Float32Array.from([0.5, -0.25, 1, 0, -1, 0.5, 0.25, 0.25, -0.5, 0.75]);
    for (const chunk of [1, 3, 4, 10]) {
      const peaks = new PeakBins(4, 2);
      for (let at = 0; at < signal.length; at += chunk) peaks.push(signal.subarray(at, at + chunk));
      peaks.finish();
      assert.deepEqual([...peaks.min], [-0.25, -1, -0.5], `chunks of ${chunk}`);
      assert.deepEqual([...peaks.max], [1, 0.5, 0.75]);
      // The last bin holds two samples: its mean square is over those two.
      assert.deepEqual([...peaks.meanSquare], [(0.25 + 0.0625 + 1) / 4, (1 + 0.25 + 0.0625 + 0.0625) / 4, (0.25 + 0.5625) / 2]);
      assert.equal(peaks.samples, 10);
    }
  });
});

describe('peakColumns', () => {
  const peaks = { min: Float32Array.from([-1, -2, -3, -4]), max: Float32Array.from([1, 2, 3, 4]), meanSquare: Float32Array.from([1, 4, 9, 16]) };

  it('merges bins into columns: extremes of the bins and the RMS over them', () => {
    const c = peakColumns(peaks, 0, 4, 2);
    assert.deepEqual([...c.min], [-2, -4]);
    assert.deepEqual([...c.max], [2, 4]);
    assert.deepEqual([...c.rms].map((v) => +v.toFixed(5)), [+Math.sqrt(2.5).toFixed(5), +Math.sqrt(12.5).toFixed(5)]);
  });

  it('reads bins past the signal\'s end as silence (a window running past the end)', () => {
    const c = peakColumns(peaks, 2, 4, 4);
    assert.deepEqual([...c.max], [3, 4, 0, 0]);
    assert.deepEqual([...c.min], [-3, -4, 0, 0]);
    assert.deepEqual([...c.rms], [3, 4, 0, 0]);
  });

  it('starts the window at its first bin: a window from bin 1 leaves bin 0 out', () => {
    const c = peakColumns(peaks, 1, 3, 1);
    assert.equal(c.max[0], 4);
    assert.equal(c.min[0], -4);
  });
});

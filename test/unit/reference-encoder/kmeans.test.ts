import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kMeans } from '../../../scripts/build-model/kmeans.js';
import { openNearestCentroid } from '../../../scripts/build-model/nearest-centroid.js';
import { mulberry32 } from '../../../scripts/build-model/prng.js';

/** 4 blobs of 50 points around (±10, ±10), seeded. */
function blobs(): Float32Array {
  const random = mulberry32(3);
  const centres = [[10, 10], [-10, 10], [10, -10], [-10, -10]];
  const data = new Float32Array(200 * 2);
  for (let i = 0; i < 200; i++) {
    const [x, y] = centres[i % 4]!;
    data[2 * i] = x! + random() - 0.5;
    data[2 * i + 1] = y! + random() - 0.5;
  }
  return data;
}

describe('kMeans', () => {
  it('finds four separated blobs, puts every point with its blob and uses every cluster', async () => {
    const search = await openNearestCentroid(2, 4);
    try {
      const data = blobs();
      const { centroids, assignment } = await kMeans(data, 200, search, { k: 4, dim: 2, iterations: 10, random: mulberry32(1) });
      const found = Array.from({ length: 4 }, (_, c) => [Math.round(centroids[2 * c]!), Math.round(centroids[2 * c + 1]!)].join()).sort();
      assert.deepEqual(found, ['-10,-10', '-10,10', '10,-10', '10,10']);
      for (let i = 4; i < 200; i++) assert.equal(assignment.index[i], assignment.index[i % 4], `point ${i}`);
    } finally {
      await search.release();
    }
  });

  it('repeats exactly with the same seed', async () => {
    const search = await openNearestCentroid(2, 8);
    try {
      const run = async () => (await kMeans(blobs(), 200, search, { k: 8, dim: 2, iterations: 5, random: mulberry32(9) })).centroids;
      assert.deepEqual(await run(), await run());
    } finally {
      await search.release();
    }
  });

  it('refuses to seed more clusters than there are distinct rows', async () => {
    const search = await openNearestCentroid(2, 4);
    try {
      const data = new Float32Array([1, 1, 1, 1, 2, 2, 2, 2, 3, 3]);
      await assert.rejects(kMeans(data, 5, search, { k: 4, dim: 2, iterations: 1, random: mulberry32(1) }), /5 rows hold only 3 distinct vectors; need 4/);
    } finally {
      await search.release();
    }
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blockSpan, SCORE_BLOCK, ScoreCache } from '../../../src/dashboard/audio/score-cache.js';

/** A fake server: scores[f] = f / 10 for an audio of `frames` frames, counting what is asked. */
function server(frames: number) {
  const asked: [number, number][] = [];
  const fetch = async (start: number, count: number) => {
    asked.push([start, count]);
    return Array.from({ length: Math.max(0, Math.min(count, frames - start)) }, (_, i) => (start + i) / 10);
  };
  return { asked, fetch };
}
const expected = (start: number, count: number, frames: number) => Array.from({ length: Math.max(0, Math.min(count, frames - start)) }, (_, i) => (start + i) / 10);

describe('ScoreCache', () => {
  it('cuts any window from aligned blocks and fetches each block once', async () => {
    const s = server(45_000);
    const cache = new ScoreCache(s.fetch);
    assert.deepEqual(await cache.window(1000, 750), expected(1000, 750, 45_000));
    assert.deepEqual(s.asked, [[0, SCORE_BLOCK], [SCORE_BLOCK, SCORE_BLOCK]], 'the two blocks the window straddles');
    assert.deepEqual(await cache.window(1400, 375), expected(1400, 375, 45_000));
    assert.equal(s.asked.length, 2, 'a pan inside fetched blocks asks nothing');
  });

  it('ends at the end of the audio', async () => {
    const s = server(2500);
    const cache = new ScoreCache(s.fetch);
    assert.deepEqual(await cache.window(2000, 750), expected(2000, 750, 2500));
    assert.equal((await cache.window(2000, 750)).length, 500);
  });

  it('takes seeded scores as whole blocks, and a short block only at the end of the audio', async () => {
    const s = server(3000);
    const cache = new ScoreCache(s.fetch);
    cache.seed(0, expected(0, 1500, 3000), 3000);
    assert.deepEqual(await cache.window(0, 1024), expected(0, 1024, 3000));
    assert.deepEqual(s.asked, [], 'block 0 came with the seed');
    assert.deepEqual(await cache.window(1024, 10), expected(1024, 10, 3000));
    assert.deepEqual(s.asked, [[1024, SCORE_BLOCK]], 'a partial block in the middle is not trusted');
    const end = new ScoreCache(s.fetch);
    end.seed(2048, expected(2048, 952, 3000), 3000);
    assert.deepEqual(await end.window(2900, 100), expected(2900, 100, 3000));
    assert.equal(s.asked.length, 1, 'the last, short block came with the seed');
    new ScoreCache(s.fetch).seed(100, [1, 2, 3], 3000); // unaligned: ignored, not misfiled
  });

  it('asks again for a block whose request failed', async () => {
    let fail = true;
    const cache = new ScoreCache(async (start, count) => {
      if (fail) throw new Error('network down');
      return expected(start, count, 5000);
    });
    await assert.rejects(cache.window(0, 10), /network down/);
    fail = false;
    assert.deepEqual(await cache.window(0, 10), expected(0, 10, 5000));
  });
});

describe('blockSpan', () => {
  it('widens a window to whole blocks, within the API cap of 4096 frames', () => {
    assert.deepEqual(blockSpan(1000, 750), { startFrame: 0, frameCount: 2048 });
    assert.deepEqual(blockSpan(2048, 250), { startFrame: 2048, frameCount: 1024 });
    assert.deepEqual(blockSpan(1000, 3750), { startFrame: 0, frameCount: 4096 }, 'capped: the rest comes block by block');
  });
});

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { listFileEntries } from '../../../src/ingest/list-files.js';
import { checkShard, describeShard, parseShard, shardOf, takeShard } from '../../../src/ingest/shard-split.js';

describe('shard split', () => {
  let roots: string[];
  const names = ['take-00.wav', 'a/take-01.wav', 'a/b/take-02.wav', ...Array.from({ length: 27 }, (_, i) => `c/clip-${i}.wav`)];

  before(async () => {
    // The same tree under two different absolute folders, as two GPU boxes would mount it.
    roots = [await mkdtemp(join(tmpdir(), 'tokenscope-shard-')), await mkdtemp(join(tmpdir(), 'tokenscope-shard-other-mount-'))];
    for (const root of roots) {
      for (const name of names) {
        await mkdir(join(root, name, '..'), { recursive: true });
        await writeFile(join(root, name), '');
      }
    }
  });
  after(async () => {
    for (const root of roots) await rm(root, { recursive: true, force: true });
  });

  it('puts a path in shard (first 4 bytes big-endian of its sha256) mod n + 1 (values from sha256sum)', () => {
    // printf 'a/take-01.wav' | sha256sum → 31a6794d…; printf 'sub/dir/x.jsonl' → 28ef5c43…
    assert.equal(shardOf('a/take-01.wav', 8), (0x31a6794d % 8) + 1);
    assert.equal(shardOf('a/take-01.wav', 8), 6);
    assert.equal(shardOf('a/take-01.wav', 3), 3);
    assert.equal(shardOf('sub/dir/x.jsonl', 8), 4);
    assert.equal(shardOf('take-02.flac', 3), 2);
    assert.equal(shardOf('anything', 1), 1);
  });

  it('names files relative to the folder given with / separators, and splits the same under any mount point and any listing order', async () => {
    const [one, two] = await Promise.all(roots.map((r) => listFileEntries([r], ['.wav'])));
    assert.deepEqual(one!.map((f) => f.relative).sort(), [...names].sort());
    assert.ok(one!.every((f) => f.path.startsWith(roots[0]!)));
    for (let i = 1; i <= 4; i++) {
      const shard = { index: i, count: 4 };
      const a = takeShard(one!, shard).map((f) => f.relative);
      const b = takeShard([...two!].reverse(), shard).map((f) => f.relative).reverse();
      assert.deepEqual(a, b, `shard ${i}/4 is the same on both mounts`);
    }
  });

  it('gives every file to exactly one shard, keeping the listing order within a shard', async () => {
    const files = await listFileEntries([roots[0]!], ['.wav']);
    const taken = Array.from({ length: 4 }, (_, i) => takeShard(files, { index: i + 1, count: 4 }));
    assert.equal(taken.reduce((n, t) => n + t.length, 0), files.length);
    assert.equal(new Set(taken.flat().map((f) => f.path)).size, files.length);
    assert.ok(taken.every((t) => t.length > 0), `no shard of 30 files is empty: ${taken.map((t) => t.length).join(', ')}`);
    for (const t of taken) assert.deepEqual(t.map((f) => f.path), [...t.map((f) => f.path)].sort());
    assert.equal(takeShard(files, null).length, files.length, 'no shard: every file');
  });

  it('hashes the base name of a file given by name', async () => {
    const [f] = await listFileEntries([join(roots[0]!, 'a', 'b', 'take-02.wav')], ['.wav']);
    assert.equal(f!.relative, 'take-02.wav');
  });

  it('reads i/n and reports how many files a shard took', () => {
    assert.deepEqual(parseShard('2/8'), { index: 2, count: 8 });
    assert.deepEqual(parseShard(' 1 / 1 '), { index: 1, count: 1 });
    assert.equal(describeShard({ index: 2, count: 8 }, 13, 100), 'shard 2/8: 13 of 100 files');
  });

  describe('misuse', () => {
    for (const [text, why] of [
      ['0/4', /--shard "0\/4" must be i\/n with whole numbers 1 ≤ i ≤ n ≤ 65536 \(shards are numbered from 1\); received 0\/4/],
      ['5/4', /--shard "5\/4" must be i\/n .*received 5\/4/],
      ['1/0', /received 1\/0/],
      ['a/b', /--shard must be i\/n, shard i \(1-based\) of n, e.g\. 2\/8; received "a\/b"/],
      ['3', /received "3"/],
      ['-1/4', /received "-1\/4"/],
    ] as const) {
      it(`refuses "${text}" with INVALID_ARGUMENT naming it`, () => {
        assert.throws(() => parseShard(text), { code: ErrorCode.INVALID_ARGUMENT, message: why });
      });
    }
    it('refuses a shard input out of range or not whole (the API argument)', () => {
      assert.throws(() => checkShard({ index: 1.5, count: 4 }), { code: ErrorCode.INVALID_ARGUMENT, message: /shard must be i\/n .*received 1\.5\/4/ });
      assert.throws(() => checkShard({ index: 1, count: 70_000 }), { code: ErrorCode.INVALID_ARGUMENT });
    });
  });
});

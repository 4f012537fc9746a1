import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { IngestCodesDocument, LayerStatsDocument, RarefactionDocument } from '../../src/client/generated/graphql.js';
import { writeJsonl } from '../support/code-files.js';
import { dataOf, execute, literally, onlyError } from '../support/graphql.js';
import { frameRow } from '../support/matrices.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

const layer1 = (tokens: number[]) => tokens.map((t) => frameRow(0, { 1: t }));
const close = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) < 1e-12, `${what}: ${actual} ≠ ${expected}`);

describe('rarefaction: corpora compared at equal sizes', () => {
  let t: TestApp;

  before(async () => {
    t = await createTestApp();
    const ingest = async (corpus: string, matrices: number[][][]) => dataOf(await execute(t.app, IngestCodesDocument, { corpus, paths: [await writeJsonl(join(t.root, `${corpus}.jsonl`), matrices)] }));
    // Layer 1 of a: token 5 four times, 7 three times, 9 once (8 frames); b: 5 5; c: 9 9 9.
    await ingest('a', [layer1([5, 7, 5, 5, 7]), layer1([7, 5, 9])]);
    await ingest('b', [layer1([5, 5])]);
    await ingest('c', [layer1([9, 9, 9])]);
  });
  after(() => t?.close());

  it('gives each corpus its statistics at the smallest corpus size, at the default sizes up to its own', async () => {
    const r = dataOf(await execute(t.app, RarefactionDocument, { corpora: ['a', 'b', 'c'], layers: [1] })).rarefaction;
    assert.equal(r.matchedFrames, 2);
    assert.deepEqual(r.corpora.map((c) => [c.corpus.name, c.frameCount, c.points.map((p) => p.frames)]), [['a', 8, [2, 3, 8]], ['b', 2, [2]], ['c', 3, [2, 3]]]);
    const a2 = r.corpora[0]!.points[0]!.layers[0]!;
    // Of the C(8,2) = 28 pairs of a's frames: 6 are (5,5) and 3 are (7,7), one distinct token and 0 bits;
    // the other 19 hold two tokens and 1 bit. So E[distinct] = (9 + 2·19)/28 = 47/28, E[H] = 19/28.
    close(a2.distinctTokens, 47 / 28, 'distinct at 2');
    close(a2.utilisation, 47 / 28 / 2048, 'utilisation at 2');
    close(a2.entropyBits, 19 / 28, 'entropy at 2');
    const b2 = r.corpora[1]!.points[0]!.layers[0]!;
    assert.deepEqual([b2.distinctTokens, b2.entropyBits], [1, 0]);
  });

  it("equals the corpus's own statistics at its own size", async () => {
    const r = dataOf(await execute(t.app, RarefactionDocument, { corpora: ['a'], frames: [8, 100] })).rarefaction;
    const own = dataOf(await execute(t.app, LayerStatsDocument, { corpora: ['a'] })).layerStats.layers;
    assert.deepEqual(r.corpora[0]!.points.map((p) => p.frames), [8], 'sizes above the corpus are left out');
    r.corpora[0]!.points[0]!.layers.forEach((l, i) => {
      assert.equal(l.distinctTokens, own[i]!.distinctTokens);
      close(l.entropyBits, own[i]!.entropyBits, `entropy of layer ${l.number}`);
    });
  });

  it('refuses sizes below 1 and too many of them, naming the argument', async () => {
    onlyError(await execute(t.app, RarefactionDocument, { corpora: ['a'], frames: [0] }), 'INVALID_ARGUMENT', literally('frames must be integers ≥ 1; received 0'));
    onlyError(await execute(t.app, RarefactionDocument, { corpora: ['a'], frames: Array.from({ length: 33 }, (_, i) => i + 1) }), 'LIMIT_EXCEEDED', literally('frames (count) may be at most 32; received 33'));
  });
});

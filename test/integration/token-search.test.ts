import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ColdTokensDocument, IngestCodesDocument, TokenBigramsDocument, TokenOccurrencesDocument } from '../../src/client/generated/graphql.js';
import { frameToSeconds } from '../../src/domain/contract.js';
import { writeJsonl } from '../support/code-files.js';
import { dataOf, execute, literally, onlyError } from '../support/graphql.js';
import { frameRow } from '../support/matrices.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

/** Frame rows whose layer 1 holds `tokens` and every other layer token 0. */
const layer1 = (tokens: number[]) => tokens.map((t) => frameRow(0, { 1: t }));

describe('token search, bigrams and cold-token pages on hand-made corpora', () => {
  let t: TestApp;
  let a1: number, a2: number, b1: number;

  before(async () => {
    t = await createTestApp();
    const ingest = async (corpus: string, matrices: number[][][]) =>
      dataOf(await execute(t.app, IngestCodesDocument, { corpus, paths: [await writeJsonl(join(t.root, `${corpus}.jsonl`), matrices)] })).ingestCodes.files.flatMap((f) => f.audioIds);
    // Layer 1 of corpus a: audio a1 = 5 7 5 5 7, audio a2 = 7 5 9; corpus b: 5 5; corpus c: 9 9 9.
    [a1, a2] = (await ingest('a', [layer1([5, 7, 5, 5, 7]), layer1([7, 5, 9])])) as [number, number];
    [b1] = (await ingest('b', [layer1([5, 5])])) as [number];
    await ingest('c', [layer1([9, 9, 9])]);
  });
  after(() => t?.close());

  it('counts a token per corpus and in all, leaving out corpora without it', async () => {
    const s = dataOf(await execute(t.app, TokenOccurrencesDocument, { layer: 1, token: 5 })).tokenOccurrences;
    assert.deepEqual({ total: s.totalCount, audios: s.audioCount }, { total: 6, audios: 3 });
    assert.deepEqual(s.corpora.map((c) => [c.corpus.name, c.count, c.audioCount]), [['a', 4, 2], ['b', 2, 1]]);
    const only = dataOf(await execute(t.app, TokenOccurrencesDocument, { layer: 1, token: 9, corpora: ['c', 'b'] })).tokenOccurrences;
    assert.deepEqual(only.corpora.map((c) => [c.corpus.name, c.count]), [['c', 3]]);
  });

  it('pages through every place a token occurs, in audio then frame order, with seconds', async () => {
    const expected = [[a1, 0], [a1, 2], [a1, 3], [a2, 1], [b1, 0], [b1, 1]];
    const first = dataOf(await execute(t.app, TokenOccurrencesDocument, { layer: 1, token: 5, first: 4 })).tokenOccurrences.occurrences;
    assert.equal(first.pageInfo.hasNextPage, true);
    const rest = dataOf(await execute(t.app, TokenOccurrencesDocument, { layer: 1, token: 5, first: 4, after: first.pageInfo.endCursor })).tokenOccurrences.occurrences;
    assert.equal(rest.pageInfo.hasNextPage, false);
    const places = [...first.nodes, ...rest.nodes];
    assert.deepEqual(places.map((o) => [Number(o.audio.id), o.frame]), expected);
    assert.deepEqual(places.map((o) => o.seconds), expected.map(([, f]) => frameToSeconds(f!)));
  });

  it('counts consecutive pairs within each audio only, most frequent first, with shares of all pairs', async () => {
    const r = dataOf(await execute(t.app, TokenBigramsDocument, { corpus: 'a', layer: 1, first: 10 })).tokenBigrams;
    // a1: (5,7) (7,5) (5,5) (5,7); a2: (7,5) (5,9); the (7,7) from a1's end to a2's start is no pair.
    assert.equal(r.totalPairs, 6);
    assert.deepEqual(r.bigrams.map((b) => [b.first, b.second, b.count]), [[5, 7, 2], [7, 5, 2], [5, 5, 1], [5, 9, 1]]);
    assert.deepEqual(r.bigrams.map((b) => b.share), [2 / 6, 2 / 6, 1 / 6, 1 / 6]);
    const top = dataOf(await execute(t.app, TokenBigramsDocument, { corpus: 'a', layer: 1, first: 1 })).tokenBigrams;
    assert.deepEqual(top.bigrams.map((b) => [b.first, b.second]), [[5, 7]]);
  });

  it('pages through all cold tokens with offset, in the coldest-first order', async () => {
    const page = async (offset: number) =>
      dataOf(await execute(t.app, ColdTokensDocument, { reference: 'b', target: 'a', layers: [1], limit: 1, offset })).coldTokens.map((c) => [c.token, c.targetCount]);
    assert.deepEqual([await page(0), await page(1), await page(2)], [[[7, 3]], [[9, 1]], []]);
  });

  describe('misuse', () => {
    it('names the argument, the range and the value received', async () => {
      onlyError(await execute(t.app, TokenOccurrencesDocument, { layer: 1, token: 2048 }), 'INVALID_ARGUMENT', literally('token must be a token id 0..2047; received 2048'));
      onlyError(await execute(t.app, TokenOccurrencesDocument, { layer: 17, token: 1 }), 'INVALID_ARGUMENT', literally('layer must be a layer number 1..16; received 17'));
      onlyError(await execute(t.app, TokenOccurrencesDocument, { layer: 1, token: 5, first: 501 }), 'LIMIT_EXCEEDED', literally('first may be at most 500; received 501'));
      onlyError(await execute(t.app, TokenOccurrencesDocument, { layer: 1, token: 5, after: 'nonsense' }), 'INVALID_ARGUMENT', /after: "nonsense" is not a cursor returned by this API/);
      onlyError(await execute(t.app, TokenOccurrencesDocument, { layer: 1, token: 5, corpora: ['nowhere'] }), 'NOT_FOUND', /corpus "nowhere" does not exist/);
      onlyError(await execute(t.app, TokenBigramsDocument, { corpus: 'a', layer: 1, first: 1001 }), 'LIMIT_EXCEEDED', literally('first may be at most 1000; received 1001'));
      onlyError(await execute(t.app, ColdTokensDocument, { reference: 'b', target: 'a', offset: -1 }), 'INVALID_ARGUMENT', literally('offset must be an integer ≥ 0; received -1'));
    });
  });
});

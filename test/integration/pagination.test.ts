import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AudioPageDocument, IngestCodesDocument } from '../../src/client/generated/graphql.js';
import { randomRows, seededRandom, writeJsonl } from '../support/code-files.js';
import { dataOf, execute, onlyError } from '../support/graphql.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

describe('paging through a corpus with audios(corpus, first, after)', () => {
  let t: TestApp;
  let ids: number[];

  before(async () => {
    t = await createTestApp();
    const random = seededRandom(4);
    // Two corpora interleaved in time, so ids of one corpus are not contiguous.
    const paths: string[] = [];
    for (let i = 0; i < 6; i++) {
      paths.push(await writeJsonl(join(t.root, `part-${i}.jsonl`), Array.from({ length: 4 }, () => randomRows(random, 2))));
      dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'noise', paths: [await writeJsonl(join(t.root, `noise-${i}.jsonl`), [randomRows(random, 2)])] }));
      const report = dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'paged', paths: [paths[i]!] })).ingestCodes;
      assert.equal(report.ingested, 4);
    }
    ids = (await t.app.store.db.query("SELECT a.id FROM audios a JOIN corpora c ON c.id = a.corpus_id WHERE c.name = 'paged' ORDER BY a.id")).map((r) => Number(r['id']));
    assert.equal(ids.length, 24);
  });
  after(() => t?.close());

  async function walk(first: number): Promise<{ seen: number[]; pages: number }> {
    const seen: number[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } = dataOf(
        await execute(t.app, AudioPageDocument, { corpus: 'paged', first, after }),
      ).audios;
      pages++;
      seen.push(...page.nodes.map((n) => Number(n.id)));
      if (!page.pageInfo.hasNextPage) {
        assert.equal(page.pageInfo.endCursor === null, page.nodes.length === 0);
        return { seen, pages };
      }
      assert.ok(page.pageInfo.endCursor);
      after = page.pageInfo.endCursor;
      assert.ok(pages <= ids.length, 'paging does not end');
    }
  }

  for (const first of [1, 5, 24, 500]) {
    it(`visits every audio exactly once in id order with pages of ${first}`, async () => {
      const { seen, pages } = await walk(first);
      assert.deepEqual(seen, ids);
      assert.equal(pages, Math.max(1, Math.ceil(ids.length / first)));
    });
  }

  it('answers INVALID_ARGUMENT for a cursor it did not make', async () => {
    onlyError(await execute(t.app, AudioPageDocument, { corpus: 'paged', after: 'not-a-cursor' }), 'INVALID_ARGUMENT', /after: "not-a-cursor" is not a cursor returned by this API/);
    const forged = Buffer.from('corpus:3').toString('base64url');
    onlyError(await execute(t.app, AudioPageDocument, { corpus: 'paged', after: forged }), 'INVALID_ARGUMENT', /is not a cursor returned by this API/);
  });
});

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ResponseCache } from '../../src/api/response-cache.js';
import { IngestCodesDocument } from '../../src/client/generated/graphql.js';
import { randomRows, seededRandom, writeJsonl } from '../support/code-files.js';
import { dataOf, execute } from '../support/graphql.js';
import { serve } from '../support/http.js';
import type { Served } from '../support/http.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { REFERENCE_MODEL_ID } from '../../src/config/settings.js';

describe('whole responses of repeated store-only queries', () => {
  let t: TestApp;
  let served: Served;
  let audioId: string;
  const random = seededRandom(21);
  let files = 0;

  async function ingest(corpus: string): Promise<string> {
    const path = await writeJsonl(join(t.root, `f-${files++}.jsonl`), [randomRows(random, 40)]);
    return String(dataOf(await execute(t.app, IngestCodesDocument, { corpus, paths: [path] })).ingestCodes.files[0]!.audioIds[0]);
  }

  /** POSTs `query` over HTTP; returns the body text, the status and how many statements it cost. */
  async function send(query: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; statements: number }> {
    const before = t.app.store.db.statementCount;
    const res = await fetch(served.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
    return { status: res.status, text: await res.text(), statements: t.app.store.db.statementCount - before };
  }

  // A code window is read from the store on every execution (the result cache does not keep windows).
  const windowQuery = () => `{ audio(id: "${audioId}") { codes(startFrame: 0, frameCount: 8) { layerMajor } } corpora { name audioCount } }`;

  before(async () => {
    t = await createTestApp();
    served = await serve(t.app);
    audioId = await ingest('a');
  });
  after(async () => {
    await served?.close();
    await t?.close();
  });

  it('answers a repeated query from the response kept, without running it', async () => {
    const first = await send(windowQuery());
    const second = await send(windowQuery());
    assert.equal(first.status, 200);
    assert.ok(first.statements > 0, 'the first request reads the store');
    assert.deepEqual({ status: second.status, text: second.text, statements: second.statements }, { status: 200, text: first.text, statements: 0 });
  });

  it('answers afresh once any write has committed, with the new data', async () => {
    const before = await send(windowQuery());
    await ingest('b');
    const after = await send(windowQuery());
    assert.ok(after.statements > 0, 'the write made the kept response stale');
    assert.doesNotMatch(before.text, /"name":"b"/);
    assert.match(after.text, /"name":"b","audioCount":1/);
  });

  it('keeps no response with errors, of a mutation, or of fields that read more than the store', async () => {
    const window = `w: audio(id: "${audioId}") { codes(startFrame: 0, frameCount: 4) { layerMajor } }`;
    for (const query of [`{ missing: audio(id: "999999") { id } ${window} }`, `{ ingestJobs { id } ${window} }`]) {
      const first = await send(query);
      const again = await send(query);
      assert.equal(again.text, first.text);
      assert.ok(again.statements > 0, `${query} is run again (${again.statements} statements)`);
    }
    const create = (name: string) => send(`mutation { createCorpus(name: "${name}") { name } }`);
    assert.match((await create('m1')).text, /"name":"m1"/);
    assert.match((await create('m1')).text, /ALREADY_EXISTS/, 'the mutation ran again rather than being answered from a kept response');
  });

  it('keeps no response that holds embeddings: codebooks are model files that can change outside the store', async () => {
    const path = await writeJsonl(join(t.root, `emb-${files++}.jsonl`), [randomRows(random, 12)]);
    const id = String(dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'emb', paths: [path], model: REFERENCE_MODEL_ID })).ingestCodes.files[0]!.audioIds[0]);
    const query = `{ audio(id: "${id}") { codes(startFrame: 0, frameCount: 4) { embeddings(layers: 2) } } }`;
    const first = await send(query);
    assert.match(first.text, /"embeddings":\[\[/);
    const again = await send(query);
    assert.equal(again.text, first.text);
    assert.ok(again.statements > 0, 'run again rather than answered from a kept response');
  });

  it('keeps callers who see absolute paths apart from those who see relative ones', () => {
    const common = { method: 'POST', search: '', body: '{}', accept: '', config: 1 };
    assert.notEqual(ResponseCache.key({ ...common, trusted: true }), ResponseCache.key({ ...common, trusted: false }));
  });

  it('stays within its bound, dropping the least recently used first', () => {
    const cache = new ResponseCache(100);
    const response = (body: string) => ({ status: 200, headers: [], body });
    cache.set('a', 1, response('x'.repeat(23)));
    cache.set('b', 1, response('y'.repeat(23)));
    assert.ok(cache.get('a', 1));
    for (const key of ['c', 'd', 'e']) cache.set(key, 1, response('z'.repeat(23)));
    assert.ok(cache.size <= 100, `${cache.size} characters held`);
    assert.equal(cache.get('b', 1), undefined, 'b was the least recently used');
    assert.ok(cache.get('a', 1) && cache.get('d', 1));
    cache.set('big', 1, response('w'.repeat(30)));
    assert.equal(cache.get('big', 1), undefined, 'a response over a quarter of the bound is not kept');
    assert.equal(cache.get('d', 2), undefined, 'a later generation never sees an older response');
    assert.equal(cache.get('d', 1), undefined, 'and the stale entry is gone');
  });
});

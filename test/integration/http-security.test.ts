import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { parse } from 'graphql';
import { LIMITS } from '../../src/api/limits.js';
import { CorporaDocument, CreateCorpusDocument, IngestCodesDocument } from '../../src/client/generated/graphql.js';
import { randomRows, seededRandom, writeJsonl } from '../support/code-files.js';
import { onlyError } from '../support/graphql.js';
import { post, serve, serveOnLoopback } from '../support/http.js';
import type { Served } from '../support/http.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

const KEY = 'a-test-key-that-is-long-enough';

describe('mutations over HTTP', () => {
  const open: { t: TestApp; served: Served }[] = [];
  afterEach(async () => {
    for (const { t, served } of open.splice(0)) {
      await served.close();
      await t.close();
    }
  });

  async function start(overrides: Parameters<typeof createTestApp>[0], loopbackOnly = false) {
    const t = await createTestApp(overrides);
    const served = loopbackOnly ? await serveOnLoopback(t.app) : await serve(t.app);
    open.push({ t, served });
    return { t, url: served.url };
  }

  const corpusNames = async (url: string) => {
    const outcome = await post(url, CorporaDocument, {});
    assert.equal(outcome.status, 200);
    return outcome.data!.corpora.map((c) => c.name);
  };

  it('allows mutations without a key on a loopback server', async () => {
    const { url } = await start({ host: '127.0.0.1' });
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    const created = await post(url, CreateCorpusDocument, { name: 'open' });
    assert.equal(created.status, 200);
    assert.deepEqual(created.errors, []);
    assert.equal(created.data?.createCorpus.name, 'open');
    assert.deepEqual(await corpusNames(url), ['open']);
  });

  describe('with an API key configured', () => {
    it('refuses a mutation without the key with UNAUTHENTICATED and HTTP 401, and stores nothing', async () => {
      const { url } = await start({ apiKey: KEY });
      const refused = await post(url, CreateCorpusDocument, { name: 'sneaky' });
      onlyError(refused, 'UNAUTHENTICATED', /mutations need the API key/, /Authorization: Bearer/);
      assert.equal(refused.status, 401);
      assert.equal(refused.data ?? null, null);
      assert.deepEqual(await corpusNames(url), [], 'queries need no key');
    });

    it('refuses a mutation with a wrong key with UNAUTHENTICATED', async () => {
      const { url } = await start({ apiKey: KEY });
      const attempts: Record<string, string>[] = [{ authorization: 'Bearer not-the-key' }, { 'x-api-key': `${KEY}x` }, { authorization: KEY }];
      for (const headers of attempts) {
        const refused = await post(url, CreateCorpusDocument, { name: 'sneaky' }, headers);
        onlyError(refused, 'UNAUTHENTICATED', headers['authorization'] === KEY ? /mutations need the API key/ : /the API key presented is wrong/);
        assert.equal(refused.status, 401);
      }
      assert.deepEqual(await corpusNames(url), []);
    });

    it('runs a mutation that presents the key as Authorization: Bearer or x-api-key', async () => {
      const { url } = await start({ apiKey: KEY });
      assert.deepEqual((await post(url, CreateCorpusDocument, { name: 'bearer' }, { authorization: `Bearer ${KEY}` })).errors, []);
      assert.deepEqual((await post(url, CreateCorpusDocument, { name: 'header' }, { 'x-api-key': KEY })).errors, []);
      assert.deepEqual(await corpusNames(url), ['bearer', 'header']);
    });

    it('refuses an ingest without the key before reading any file', async () => {
      const { t, url } = await start({ apiKey: KEY });
      const path = await writeJsonl(join(t.root, 'codes.jsonl'), [randomRows(seededRandom(1), 3)]);
      onlyError(await post(url, IngestCodesDocument, { corpus: 'sneaky', paths: [path] }), 'UNAUTHENTICATED');
      assert.deepEqual(await corpusNames(url), []);
    });
  });

  it('refuses mutations on a server configured for 0.0.0.0 without a key, and still answers queries', async () => {
    const { url } = await start({ host: '0.0.0.0' }, true);
    const refused = await post(url, CreateCorpusDocument, { name: 'exposed' });
    onlyError(refused, 'UNAUTHENTICATED', /mutations are disabled: the server listens on 0\.0\.0\.0 and no API key is configured/, /TOKENSCOPE_API_KEY/);
    assert.equal(refused.status, 401);
    assert.deepEqual(await corpusNames(url), []);
  });

  it('reports a bad file of an ingest over HTTP with status 200 and keeps serving', async () => {
    const { t, url } = await start({});
    const bad = await writeJsonl(join(t.root, 'bad.jsonl'), [[[1, 2, 3]]]);
    const outcome = await post(url, IngestCodesDocument, { corpus: 'c', paths: [bad] });
    assert.equal(outcome.status, 200);
    onlyError(outcome, 'INVALID_CODES', /bad\.jsonl line 1: audio_codes frame 0 \(0-based\) has 3 layers, expected 16/);
    assert.equal(outcome.data?.ingestCodes.failedFiles, 1);
    assert.deepEqual(await corpusNames(url), []);
  });

  it('answers a query over the depth or complexity caps with LIMIT_EXCEEDED and HTTP 400', async () => {
    const { url } = await start({});
    const deep = `{ corpora { audios(first: 1) { nodes { corpus { audios(first: 1) { nodes { corpus { audios(first: 1) { nodes { corpus { name } } } } } } } } } } }`;
    const tooDeep = await post(url, parse(deep), {});
    onlyError(tooDeep, 'LIMIT_EXCEEDED', new RegExp(`exceeds the maximum of ${LIMITS.maxDepth}`));
    assert.equal(tooDeep.status, 400);
    assert.equal(tooDeep.errors[0]!.extensions?.['http'], undefined, 'the HTTP status is not echoed to the client');
    const wide = `{ corpora { audios(first: 500) { nodes { layers { topTokens(limit: 2048) { token } } } } } }`;
    const tooCostly = await post(url, parse(wide), {});
    onlyError(tooCostly, 'LIMIT_EXCEEDED', new RegExp(`exceeds the maximum of ${LIMITS.maxComplexity}`));
    assert.equal(tooCostly.status, 400);
  });

  it('answers 404 outside /graphql and 400 for a body that is not JSON', async () => {
    const { url } = await start({});
    const missing = await fetch(url.replace(/\/graphql$/, '/other'));
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /the GraphQL endpoint is \/graphql/);
    const garbled = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    assert.equal(garbled.status, 400);
    assert.equal(((await garbled.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code, 'BAD_REQUEST');
  });
});

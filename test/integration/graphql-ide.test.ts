import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { getIntrospectionQuery } from 'graphql';
import { IDE_CSP } from '../../src/api/http/static-files.js';
import { LIMITS } from '../../src/api/limits.js';
import { serve } from '../support/http.js';
import type { Served } from '../support/http.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

describe('the GraphQL IDE route', () => {
  let t: TestApp;
  let served: Served;
  before(async () => {
    t = await createTestApp();
    served = await serve(t.app);
  });
  after(async () => {
    await served.close();
    await t.close();
  });

  it("answers a browser's GET /graphql with the package's GraphiQL page under the IDE's CSP, not Apollo's landing page", async () => {
    const res = await fetch(served.url, { headers: { accept: 'text/html,application/xhtml+xml' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(res.headers.get('content-security-policy'), IDE_CSP);
    const page = await res.text();
    assert.match(page, /<script src="\/assets\/graphiql\.min\.js"><\/script>/);
    assert.doesNotMatch(page, /https?:\/\//, 'the page names no other host');
    assert.doesNotMatch(page, /apollo/i);
  });

  it('serves GraphiQL and React from the package itself', async () => {
    for (const asset of ['graphiql.min.js', 'graphiql.min.css', 'react.production.min.js', 'react-dom.production.min.js', 'ide.js', 'ide.css']) {
      const res = await fetch(`${served.origin}/assets/${asset}`);
      assert.equal(res.status, 200, asset);
      assert.ok((await res.arrayBuffer()).byteLength > 100, asset);
    }
  });

  it('still answers a GET query from a browser, and a GET without a query from a client that does not want HTML', async () => {
    const query = await fetch(`${served.url}?query=${encodeURIComponent('{ corpora { name } }')}`, { headers: { accept: 'text/html, application/json', 'apollo-require-preflight': 'true' } });
    assert.equal(query.status, 200);
    assert.deepEqual(await query.json(), { data: { corpora: [] } });
    const bare = await fetch(served.url, { headers: { accept: 'application/json' } });
    assert.equal(bare.status, 400);
  });

  it(`answers the standard introspection query (depth 15, over maxDepth ${LIMITS.maxDepth}) so the IDE shows the schema docs`, async () => {
    const res = await fetch(served.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: getIntrospectionQuery({ inputValueDeprecation: true }) }) });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { data: { __schema: { queryType: { name: string } } } };
    assert.equal(body.data.__schema.queryType.name, 'Query');
  });

  it(`still refuses a data query nested deeper than ${LIMITS.maxDepth} when it also selects an introspection field`, async () => {
    const deep = '__typename corpus(name: "x") { audios(first: 1) { nodes { corpus { audios(first: 1) { nodes { corpus { audios(first: 1) { nodes { corpus { name } } } } } } } } } }';
    const res = await fetch(served.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ ${deep} }` }) });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string; limit: string } }[] };
    assert.equal(body.errors[0]!.message, `query depth 11 exceeds the maximum of ${LIMITS.maxDepth}`);
    assert.equal(body.errors[0]!.extensions.limit, 'maxDepth');
  });
});

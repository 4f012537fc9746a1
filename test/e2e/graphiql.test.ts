import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { CreateCorpusDocument } from '../../src/client/generated/graphql.js';
import { browserMissing } from '../support/browser.js';
import { useDashboardBrowser } from '../support/dashboard-browser.js';
import { dataOf, execute } from '../support/graphql.js';
import { serve, serveOnLoopback } from '../support/http.js';
import type { Served } from '../support/http.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

const skip = browserMissing();
const KEY = 'a-graphiql-test-key-long-enough';

/** Every URL a page requests, from now on. */
function collectRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}

/** Opens the IDE with `query` in its editor (GraphiQL keeps the editor's text in local storage). */
async function openIde(page: Page, origin: string, query: string, apiKey?: string): Promise<void> {
  await page.addInitScript(
    ([q, key]) => {
      const storage = (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage;
      storage.setItem('graphiql:query', q!);
      if (key) storage.setItem('tokenscope.apiKey', key);
    },
    [query, apiKey ?? ''],
  );
  await page.goto(`${origin}/graphql`);
  await page.waitForSelector('body[data-ready="true"] .graphiql-container');
}

/** Runs the editor's operation and returns the response pane's text once it shows `expected`. */
async function run(page: Page, expected: string): Promise<string> {
  await page.click('.graphiql-execute-button');
  const pane = page.locator('.result-window');
  await pane.getByText(expected).first().waitFor();
  return (await pane.textContent()) ?? '';
}

describe('GraphQL IDE in Chromium', { skip: skip ?? false, timeout: 120_000 }, () => {
  const h = useDashboardBrowser({ fixture: false, pagePerTest: false });
  let t: TestApp;
  let served: Served;

  before(async () => {
    t = await createTestApp();
    dataOf(await execute(t.app, CreateCorpusDocument, { name: 'ide-corpus', description: null }));
    served = await serve(t.app);
  });
  after(async () => {
    await served?.close();
    await t?.close();
  });

  it('loads GraphiQL from this server only, runs a query and shows the schema docs, with no request leaving 127.0.0.1', async () => {
    const { page, errors } = await h.newPage();
    const urls = collectRequests(page);
    await openIde(page, served.origin, '{ corpora { name audioCount } }');
    assert.match(await run(page, 'ide-corpus'), /"corpora": \[\s*\{\s*"name": "ide-corpus",\s*"audioCount": 0/);
    await page.click('button[aria-label="Show Documentation Explorer"]');
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('Query', { exact: true }).first().click();
    await docs.getByText('corpora', { exact: true }).first().waitFor();
    assert.ok(urls.length > 5, `the page made its requests: ${urls.join(', ')}`);
    assert.deepEqual(urls.filter((u) => !u.startsWith(`${served.origin}/`) && !u.startsWith('data:')), [], 'every request goes to the server on 127.0.0.1');
    assert.ok(served.origin.startsWith('http://127.0.0.1:'));
    assert.deepEqual(errors, [], 'no console errors, CSP refusals included');
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical accessibility violations (axe-core) in the ${colorScheme} colour scheme, but one inside GraphiQL`, async () => {
      // axe is injected as a script, which the IDE's CSP forbids: a context that bypasses it, for this check only.
      const { page } = await h.newPage({ bypassCSP: true, colorScheme });
      // Every kind of token the editors colour: comment, keyword, definition, variable, field, string, number.
      await openIde(page, served.origin, '# corpora\nquery Named($n: String! = "ide-corpus") { corpora { name } corpus(name: $n) { audioCount } }');
      await run(page, '"audioCount"');
      await page.addScriptTag({ content: await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8') });
      const violations = await page.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
        return (await axe.run()).violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
      });
      // The one exception lies inside GraphiQL: CodeMirror 5's scroller (.CodeMirror-scroll, tabindex -1)
      // is a scrollable region without focusable content; the editor is reached by keyboard through
      // its own textarea, which scrolls it.
      const inGraphiql = (v: { id: string; targets: string[] }) => v.id === 'scrollable-region-focusable' && v.targets.every((t) => t.endsWith('.CodeMirror-scroll"]'));
      const serious = violations.filter((v) => (v.impact === 'serious' || v.impact === 'critical') && !inGraphiql(v)).map((v) => `${v.id} (${v.impact}) at ${v.targets.join(' ')}`);
      assert.deepEqual(serious, []);
    });
  }
});

describe('GraphQL IDE on a keyed server in Chromium', { skip: skip ?? false, timeout: 120_000 }, () => {
  const h = useDashboardBrowser({ fixture: false, pagePerTest: false });
  let t: TestApp;
  let served: Served;

  before(async () => {
    t = await createTestApp({ apiKey: KEY });
    served = await serve(t.app);
  });
  after(async () => {
    await served?.close();
    await t?.close();
  });

  it("sends the dashboard's stored API key with the IDE's requests, so a mutation runs", async () => {
    const { page, errors } = await h.newPage();
    await openIde(page, served.origin, 'mutation { createCorpus(name: "made-in-ide") { name } }', KEY);
    assert.match(await run(page, 'made-in-ide'), /"createCorpus": \{\s*"name": "made-in-ide"/);
    assert.deepEqual(errors, []);
  });

  it('without the key the same mutation is refused with UNAUTHENTICATED, shown in the response pane', async () => {
    const { page } = await h.newPage();
    await openIde(page, served.origin, 'mutation { createCorpus(name: "refused") { name } }');
    assert.match(await run(page, 'UNAUTHENTICATED'), /"code": "UNAUTHENTICATED"/);
  });
});

describe('GraphQL IDE without introspection in Chromium', { skip: skip ?? false, timeout: 120_000 }, () => {
  const h = useDashboardBrowser({ fixture: false, pagePerTest: false });
  let t: TestApp;
  let served: Served;

  before(async () => {
    // Configured for every address: introspection is off (no --introspection); served on loopback for the test.
    t = await createTestApp({ host: '0.0.0.0', apiKey: KEY });
    served = await serveOnLoopback(t.app);
  });
  after(async () => {
    await served?.close();
    await t?.close();
  });

  it('says that schema docs are off and still runs queries', async () => {
    const { page, errors } = await h.newPage();
    await openIde(page, served.origin, '{ corpora { name } }');
    assert.match((await page.textContent('.ide-notice')) ?? '', /^Schema docs are unavailable: this server answers GraphQL introspection only on loopback\. .*--introspection/);
    assert.match(await run(page, '"corpora"'), /"corpora": \[\]/);
    // The probe that found introspection refused is the one failed request.
    assert.deepEqual(errors, ['console: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  });
});

if (skip) console.log(`# GraphQL IDE end-to-end tests skipped: ${skip}`);

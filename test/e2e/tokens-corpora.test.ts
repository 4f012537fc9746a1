import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserMissing, collectErrors, launchChromium, paintedPixels, screenshotDir, viewReady } from '../support/browser.js';
import { startDashboardFixture } from '../support/dashboard-fixture.js';
import type { DashboardFixture } from '../support/dashboard-fixture.js';

const skip = browserMissing();
const TOKENS = '#/tokens?target=demo-events&reference=demo-speech&layer=3';

describe('tokens and corpora in Chromium', { skip: skip ?? false, timeout: 240_000 }, () => {
  let fx: DashboardFixture;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let shots: string;

  before(async () => {
    [fx, browser, shots] = await Promise.all([startDashboardFixture(), launchChromium(), screenshotDir()]);
    // A corpus without frames, named to sort first: the default selection must pass it by.
    await fx.t.app.store.corpora.create('aaa-empty');
  });
  after(async () => {
    await browser?.close();
    await fx?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    errors = collectErrors(page);
  });
  afterEach(async () => {
    await context.close();
  });

  const open = async (hash: string) => {
    await page.goto(`${fx.base}${hash}`);
    await viewReady(page);
  };
  const shoot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  const checked = () => page.$$eval('table[aria-label="Corpora"] input[type=checkbox]', (boxes) => boxes.filter((b) => (b as unknown as { checked: boolean }).checked).map((b) => b.getAttribute('value')));

  it('token search: finds where a token occurs, per corpus, and links to the audio view at the occurrence', async () => {
    await open(TOKENS);
    const token = await page.textContent('table[aria-label="Coldest tokens"] tbody tr td');
    await page.fill('form[aria-label="Find a token"] input[name=findLayer]', '3');
    await page.fill('form[aria-label="Find a token"] input[name=find]', token!);
    await page.click('form[aria-label="Find a token"] button[type=submit]');
    await page.waitForSelector('[data-search="done"]');
    const corpora = await page.$$eval('table[aria-label="Token occurrences by corpus"] tbody tr', (trs) => trs.map((tr) => tr.children[0]!.textContent));
    assert.ok(corpora.includes('demo-events'), `a cold token of demo-events occurs there: ${corpora.join(', ')}`);
    assert.ok(!corpora.includes('demo-speech'), 'and never in the reference it is cold against');
    assert.match(page.url(), new RegExp(`find=${token}&findLayer=3|findLayer=3.*find=${token}`));
    await shoot('token-search');
    const link = page.locator(`ul[aria-label="Places of token ${token} on layer 3"] a`).first();
    const expected = Number(new URLSearchParams((await link.getAttribute('href'))!.split('?')[1]).get('t'));
    await link.click();
    await viewReady(page);
    assert.equal(await page.getAttribute('#view', 'data-view'), 'audio');
    assert.ok(Math.abs(Number(await page.getAttribute('#view', 'data-position')) - expected) < 0.1, 'the audio view opens at the occurrence');
    assert.deepEqual(errors, []);
  });

  it('bigrams: a table of the most frequent consecutive pairs, with counts falling and shares in percent', async () => {
    await open(TOKENS);
    const rows = await page.$$eval('table[aria-label="Most frequent token pairs"] tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent ?? '')));
    assert.ok(rows.length > 0 && rows.length <= 20, `${rows.length} rows`);
    const counts = rows.map((r) => Number(r[2]));
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'most frequent first');
    for (const r of rows) assert.match(r[3]!, /^\d+\.\d\d %$/);
    assert.deepEqual(errors, []);
  });

  it('histogram: the reference overlaid on the target as a second series, both as shares', async () => {
    await open(TOKENS);
    const canvas = 'canvas[data-chart="token-histogram"]';
    assert.equal(await page.getAttribute(canvas, 'data-series'), '2');
    assert.equal(await page.getAttribute(canvas, 'data-points'), '2048');
    assert.match((await page.getAttribute(canvas, 'aria-label'))!, /in demo-events \(bars, cold tokens in red\) and in demo-speech \(line\)/);
    assert.ok((await paintedPixels(page, canvas)) > 2000);
    assert.deepEqual(errors, []);
  });

  it('cold tokens: every one reachable, 25 a page or all at once', async () => {
    // With a huge allowance every token of the target is cold: more than a page of them.
    await open(`${TOKENS}&max=1000000000`);
    const distinct = Number(/(\d+) distinct of 2048/.exec((await page.textContent('#view .card p.muted'))!)![1]);
    assert.ok(distinct > 25, `${distinct} distinct tokens`);
    const table = 'table[aria-label="Coldest tokens"] tbody tr';
    assert.equal((await page.$$(table)).length, 25);
    assert.match((await page.textContent('#view p[aria-live]'))!, new RegExp(`^Cold tokens 1–25 of ${distinct}\\.$`));
    await page.click('button:has-text("Next 25")');
    assert.match((await page.textContent('#view p[aria-live]'))!, new RegExp(`^Cold tokens 26–${Math.min(50, distinct)} of ${distinct}\\.$`));
    await page.click(`button:has-text("Show all ${distinct}")`);
    const tokens = await page.$$eval(table, (trs) => trs.map((tr) => Number(tr.children[0]!.textContent)));
    assert.equal(new Set(tokens).size, distinct, 'each token once');
    assert.deepEqual(errors, []);
  });

  it('corpora: a third ticked corpus stays ticked and every chart draws three series', async () => {
    await open('#/corpora?compare=demo-audio,demo-events');
    assert.deepEqual(await checked(), ['demo-audio', 'demo-events']);
    await page.check('input[aria-label="compare demo-speech"]');
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(a: string): string | null } | null } }).document.querySelector('canvas[data-metric="variance"]')?.getAttribute('data-series') === '3');
    await viewReady(page);
    assert.deepEqual(await checked(), ['demo-audio', 'demo-events', 'demo-speech']);
    for (const canvas of ['canvas[data-metric="variance"]', 'canvas[data-metric="entropyBits"]', 'canvas[data-metric="utilisation"]', 'canvas[data-chart="matched-entropy"]', 'canvas[data-chart="rarefaction-curve"]']) {
      assert.equal(await page.getAttribute(canvas, 'data-series'), '3', canvas);
    }
    assert.match(page.url(), /compare=demo-audio%2Cdemo-events%2Cdemo-speech|compare=demo-audio,demo-events,demo-speech/);
    assert.deepEqual(errors, []);
  });

  it('corpora: the default selection passes by a corpus without frames', async () => {
    await open('#/corpora');
    const selected = await checked();
    assert.equal(selected.length, 2);
    assert.ok(!selected.includes('aaa-empty'), `selected: ${selected.join(', ')}`);
    assert.deepEqual(errors, []);
  });

  it('corpora: the size-matched charts compare each corpus at the smallest one\'s frames, and the curve against frames', async () => {
    await open('#/corpora?compare=demo-audio,demo-speech');
    for (const canvas of ['canvas[data-chart="matched-entropy"]', 'canvas[data-chart="matched-utilisation"]']) {
      assert.equal(await page.getAttribute(canvas, 'data-series'), '2', canvas);
      assert.equal(await page.getAttribute(canvas, 'data-points'), '16', canvas);
      assert.ok((await paintedPixels(page, canvas)) > 2000, `${canvas} is drawn`);
    }
    assert.ok((await paintedPixels(page, 'canvas[data-chart="rarefaction-curve"]')) > 1000);
    assert.match((await page.textContent('section[aria-label="Size-matched comparison"] p.muted'))!, /subsampled to \d+ frames \(the smallest selected corpus\)/);
    await shoot('corpus-size-matched');
    assert.deepEqual(errors, []);
  });

  it('has no serious or critical accessibility violations (axe-core) with a search shown and three corpora compared', async () => {
    const bypass = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    const p = await bypass.newPage();
    const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const found: string[] = [];
    try {
      for (const hash of [`${TOKENS}&max=1000000000&find=1&findLayer=3`, '#/corpora?compare=demo-audio,demo-events,demo-speech']) {
        await p.goto(`${fx.base}${hash}`);
        await p.waitForSelector('#view[data-ready="true"]', { timeout: 20_000 });
        if (hash.includes('find=')) await p.waitForSelector('[data-search="done"]');
        await p.addScriptTag({ content: axeSource });
        const violations = await p.evaluate(async () => {
          const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
          return (await axe.run()).violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
        });
        for (const v of violations) if (v.impact === 'serious' || v.impact === 'critical') found.push(`${hash}: ${v.id} (${v.impact}) at ${v.targets.join(' ')}`);
      }
    } finally {
      await bypass.close();
    }
    assert.deepEqual(found, []);
  });
});

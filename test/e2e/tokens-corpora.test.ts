import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { before, describe, it } from 'node:test';
import { browserMissing, paintedPixels, viewReady } from '../support/browser.js';
import { useDashboardBrowser } from '../support/dashboard-browser.js';
import { RunStabilityDocument } from '../../src/client/generated/graphql.js';
import { dataOf, execute } from '../support/graphql.js';

const skip = browserMissing();
const TOKENS = '#/tokens?target=demo-events&reference=demo-speech&layer=3';

describe('tokens and corpora in Chromium', { skip: skip ?? false, timeout: 240_000 }, () => {
  const h = useDashboardBrowser();

  before(async () => {
    // A corpus without frames, named to sort first: the default selection must pass it by.
    await h.fx.t.app.store.corpora.create('aaa-empty');
  });

  const checked = () => h.page.$$eval('table[aria-label="Corpora"] input[type=checkbox]', (boxes) => boxes.filter((b) => (b as unknown as { checked: boolean }).checked).map((b) => b.getAttribute('value')));

  it('token search: finds where a token occurs, per corpus, and links to the audio view at the occurrence', async () => {
    await h.open(TOKENS);
    const token = await h.page.textContent('table[aria-label="Coldest tokens"] tbody tr td');
    await h.page.fill('form[aria-label="Find a token"] input[name=findLayer]', '3');
    await h.page.fill('form[aria-label="Find a token"] input[name=find]', token!);
    await h.page.click('form[aria-label="Find a token"] button[type=submit]');
    await h.page.waitForSelector('[data-search="done"]');
    const corpora = await h.page.$$eval('table[aria-label="Token occurrences by corpus"] tbody tr', (trs) => trs.map((tr) => tr.children[0]!.textContent));
    assert.ok(corpora.includes('demo-events'), `a cold token of demo-events occurs there: ${corpora.join(', ')}`);
    assert.ok(!corpora.includes('demo-speech'), 'and never in the reference it is cold against');
    assert.match(h.page.url(), new RegExp(`find=${token}&findLayer=3|findLayer=3.*find=${token}`));
    await h.shoot('token-search');
    const link = h.page.locator(`ul[aria-label="Places of token ${token} on layer 3"] a`).first();
    const expected = Number(new URLSearchParams((await link.getAttribute('href'))!.split('?')[1]).get('t'));
    await link.click();
    await viewReady(h.page);
    assert.equal(await h.page.getAttribute('#view', 'data-view'), 'audio');
    assert.ok(Math.abs(Number(await h.page.getAttribute('#view', 'data-position')) - expected) < 0.1, 'the audio view opens at the occurrence');
    assert.deepEqual(h.errors, []);
  });

  it('bigrams: a table of the most frequent consecutive pairs, with counts falling and shares in percent', async () => {
    await h.open(TOKENS);
    const rows = await h.page.$$eval('table[aria-label="Most frequent token pairs"] tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent ?? '')));
    assert.ok(rows.length > 0 && rows.length <= 20, `${rows.length} rows`);
    const counts = rows.map((r) => Number(r[2]));
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'most frequent first');
    for (const r of rows) assert.match(r[3]!, /^\d+\.\d\d %$/);
    assert.deepEqual(h.errors, []);
  });

  it('histogram: the reference overlaid on the target as a second series, both as shares', async () => {
    await h.open(TOKENS);
    const canvas = 'canvas[data-chart="token-histogram"]';
    assert.equal(await h.page.getAttribute(canvas, 'data-series'), '2');
    assert.equal(await h.page.getAttribute(canvas, 'data-points'), '2048');
    assert.match((await h.page.getAttribute(canvas, 'aria-label'))!, /in demo-events \(bars, cold tokens in red\) and in demo-speech \(line\)/);
    assert.ok((await paintedPixels(h.page, canvas)) > 2000);
    assert.deepEqual(h.errors, []);
  });

  it('cold tokens: every one reachable, 25 a page or all at once', async () => {
    // With a huge allowance every token of the target is cold: more than a page of them.
    await h.open(`${TOKENS}&max=1000000000`);
    const distinct = Number(/(\d+) distinct of 2048/.exec((await h.page.textContent('#view .card p.muted'))!)![1]);
    assert.ok(distinct > 25, `${distinct} distinct tokens`);
    const table = 'table[aria-label="Coldest tokens"] tbody tr';
    assert.equal((await h.page.$$(table)).length, 25);
    assert.match((await h.page.textContent('#view p[aria-live]'))!, new RegExp(`^Cold tokens 1–25 of ${distinct}\\.$`));
    await h.page.click('button:has-text("Next 25")');
    assert.match((await h.page.textContent('#view p[aria-live]'))!, new RegExp(`^Cold tokens 26–${Math.min(50, distinct)} of ${distinct}\\.$`));
    await h.page.click(`button:has-text("Show all ${distinct}")`);
    const tokens = await h.page.$$eval(table, (trs) => trs.map((tr) => Number(tr.children[0]!.textContent)));
    assert.equal(new Set(tokens).size, distinct, 'each token once');
    assert.deepEqual(h.errors, []);
  });

  it('corpora: a third ticked corpus stays ticked and every chart draws three series', async () => {
    await h.open('#/corpora?compare=demo-audio,demo-events');
    assert.deepEqual(await checked(), ['demo-audio', 'demo-events']);
    await h.page.check('input[aria-label="compare demo-speech"]');
    await h.page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(a: string): string | null } | null } }).document.querySelector('canvas[data-metric="variance"]')?.getAttribute('data-series') === '3');
    await viewReady(h.page);
    assert.deepEqual(await checked(), ['demo-audio', 'demo-events', 'demo-speech']);
    for (const canvas of ['canvas[data-metric="variance"]', 'canvas[data-metric="entropyBits"]', 'canvas[data-metric="utilisation"]', 'canvas[data-chart="matched-entropy"]', 'canvas[data-chart="rarefaction-curve"]']) {
      assert.equal(await h.page.getAttribute(canvas, 'data-series'), '3', canvas);
    }
    assert.match(h.page.url(), /compare=demo-audio%2Cdemo-events%2Cdemo-speech|compare=demo-audio,demo-events,demo-speech/);
    assert.deepEqual(h.errors, []);
  });

  it('corpora: the default selection passes by a corpus without frames', async () => {
    await h.open('#/corpora');
    const selected = await checked();
    assert.equal(selected.length, 2);
    assert.ok(!selected.includes('aaa-empty'), `selected: ${selected.join(', ')}`);
    assert.deepEqual(h.errors, []);
  });

  it('corpora: the size-matched charts compare each corpus at the smallest one\'s frames, and the curve against frames', async () => {
    await h.open('#/corpora?compare=demo-audio,demo-speech');
    for (const canvas of ['canvas[data-chart="matched-entropy"]', 'canvas[data-chart="matched-utilisation"]']) {
      assert.equal(await h.page.getAttribute(canvas, 'data-series'), '2', canvas);
      assert.equal(await h.page.getAttribute(canvas, 'data-points'), '16', canvas);
      assert.ok((await paintedPixels(h.page, canvas)) > 2000, `${canvas} is drawn`);
    }
    assert.ok((await paintedPixels(h.page, 'canvas[data-chart="rarefaction-curve"]')) > 1000);
    assert.match((await h.page.textContent('section[aria-label="Size-matched comparison"] p.muted'))!, /subsampled to \d+ frames \(the smallest selected corpus\)/);
    await h.shoot('corpus-size-matched');
    assert.deepEqual(h.errors, []);
  });

  it('corpora: draws agreement by layer, one line per stored stability run, and names the command for a corpus without runs', async () => {
    const runs = dataOf(await execute(h.fx.t.app, RunStabilityDocument, { corpus: 'demo-audio', perturbations: ['gain:db=-6', 'shift:samples=1'], model: null })).runStability;
    assert.equal(runs.length, 2);
    await h.open('#/corpora?compare=demo-audio,demo-speech');
    const canvas = 'canvas[data-chart="stability-demo-audio"]';
    assert.equal(await h.page.getAttribute(canvas, 'data-series'), '2');
    assert.equal(await h.page.getAttribute(canvas, 'data-points'), '16');
    assert.ok((await paintedPixels(h.page, canvas)) > 2000, 'the stability chart is drawn');
    assert.match((await h.page.textContent('[data-stability-empty="demo-speech"]'))!, /No stability runs yet\. Store some with tokenscope stability --corpus demo-speech --perturb noise:snr=20/);
    await h.shoot('corpus-stability');
    assert.deepEqual(h.errors, []);
  });

  it('has no serious or critical accessibility violations (axe-core) with a search shown and three corpora compared', async () => {
    const { page: p } = await h.newPage({ bypassCSP: true });
    const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const found: string[] = [];
    for (const hash of [`${TOKENS}&max=1000000000&find=1&findLayer=3`, '#/corpora?compare=demo-audio,demo-events,demo-speech']) {
      await p.goto(`${h.fx.base}${hash}`);
      await p.waitForSelector('#view[data-ready="true"]', { timeout: 20_000 });
      if (hash.includes('find=')) await p.waitForSelector('[data-search="done"]');
      await p.addScriptTag({ content: axeSource });
      const violations = await p.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
        return (await axe.run()).violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
      });
      for (const v of violations) if (v.impact === 'serious' || v.impact === 'critical') found.push(`${hash}: ${v.id} (${v.impact}) at ${v.targets.join(' ')}`);
    }
    assert.deepEqual(found, []);
  });
});

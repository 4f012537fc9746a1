import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import puppeteer from 'puppeteer-core';
import type { Browser, Page } from 'puppeteer-core';
import { browserMissing, firefoxPath, screenshotDir } from '../support/browser.js';
import type { PageGlobals } from '../support/browser.js';
import { startDashboardFixture } from '../support/dashboard-fixture.js';
import type { DashboardFixture } from '../support/dashboard-fixture.js';

const skip = browserMissing('firefox');

/**
 * The same dashboard in Firefox (Debian's ESR), driven over WebDriver BiDi by puppeteer-core:
 * every view loads without console errors and draws its charts, and an anomaly click seeks.
 * Playwright cannot drive a stock Firefox; the Chromium suite covers the rest in more depth.
 */
describe('dashboard in Firefox', { skip: skip ?? false, timeout: 240_000 }, () => {
  let fx: DashboardFixture;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  let shots: string;

  before(async () => {
    [fx, shots] = await Promise.all([startDashboardFixture(), screenshotDir()]);
    browser = await puppeteer.launch({ browser: 'firefox', executablePath: firefoxPath()!, headless: true, defaultViewport: null, args: ['--width=1280', '--height=800'] });
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`page error: ${String(e)}`));
  });
  after(async () => {
    await browser?.close();
    await fx?.close();
  });

  const open = async (hash: string) => {
    await page.goto(`${fx.base}${hash}`);
    await page.waitForSelector('#view[data-ready="true"]', { timeout: 20_000 });
  };
  // Polled from here: puppeteer's waitForFunction answered "Waiting failed" in Firefox (likely the dashboard's CSP, which forbids eval).
  const until = async (check: () => Promise<boolean>, what: string, timeoutMs = 10_000) => {
    const end = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const attribute = (selector: string, name: string) => page.$eval(selector, (el, n) => (el as unknown as { getAttribute(a: string): string | null }).getAttribute(n), name);

  it('draws the corpus, token and lab views', async () => {
    await open('#/corpora?compare=demo-audio,demo-events');
    for (const metric of ['variance', 'entropyBits', 'utilisation']) assert.equal(await attribute(`canvas[data-metric="${metric}"]`, 'data-series'), '2');
    await page.screenshot({ path: join(shots, 'firefox-corpus-view.png') });
    await open('#/tokens?target=demo-events&reference=demo-speech&layer=3');
    assert.equal(await attribute('canvas[data-chart="token-histogram"]', 'data-points'), '2048');
    await open(`#/lab?run=${fx.runId}`);
    assert.equal(await attribute('canvas[data-chart="leaderboard"]', 'data-points'), '3');
    await open('#/upload');
    assert.ok(await page.$('#upload-files'));
    assert.deepEqual(errors, []);
  });

  it('audio view: heatmap and scores drawn, an anomaly click moves playback to its start', async () => {
    // demo_03.wav: a WAV, which every browser plays.
    await open(`#/audio/${fx.demoAudios[2]}`);
    assert.ok(Number(await attribute('canvas[data-chart="heatmap"]', 'data-frames')) > 0);
    assert.equal(await attribute('canvas[data-chart="scores"]', 'data-series'), '2');
    const audio = () => page.evaluate(() => {
      const a = (globalThis as unknown as PageGlobals).document.querySelector('audio');
      return { readyState: a?.readyState ?? 0, currentTime: a?.currentTime ?? -1 };
    });
    await until(async () => (await audio()).readyState >= 1, 'the audio element has its metadata');
    const start = Number(await attribute('.stage .span.anomaly', 'data-start'));
    await page.click('.stage .span.anomaly');
    await until(async () => Math.abs((await audio()).currentTime - start) < 0.1, `playback at ${start} s`);
    await page.screenshot({ path: join(shots, 'firefox-audio-view.png') });
    assert.deepEqual(errors, []);
  });

  it('GraphQL IDE: GraphiQL loads from the server itself and runs a query', async () => {
    await page.goto(`${fx.base}graphql`);
    await page.waitForSelector('body[data-ready="true"] .graphiql-execute-button', { timeout: 20_000 });
    await page.click('.graphiql-execute-button');
    await until(async () => /"corpora"/.test((await page.$eval('.result-window', (el) => el.textContent ?? '').catch(() => '')) ?? ''), 'the query result');
    assert.deepEqual(errors, []);
  });
});

if (skip) console.log(`# dashboard Firefox tests skipped: ${skip}`);

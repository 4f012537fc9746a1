import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import puppeteer from 'puppeteer-core';
import type { Browser, Page } from 'puppeteer-core';
import { browserMissing, firefoxPath, screenshotDir } from '../support/browser.js';
import type { PageGlobals } from '../support/browser.js';
import { addAudioViewAudios } from '../support/long-audio.js';
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
  /**
   * From now on, the text of every file the page hands to the browser (the Blob behind a download
   * link), for exported(). Wrapped once per document: a route change keeps the page's globals.
   */
  const captureExports = () =>
    page.evaluate(() => {
      const g = globalThis as unknown as { URL: { createObjectURL(b: { text(): Promise<string> }): string }; exported: string[] };
      const wrapped = Array.isArray(g.exported);
      g.exported = [];
      if (wrapped) return;
      const original = g.URL.createObjectURL.bind(g.URL);
      g.URL.createObjectURL = (blob) => {
        void blob.text().then((t) => g.exported.push(t));
        return original(blob);
      };
    });
  const exported = () => page.evaluate(() => (globalThis as unknown as { exported: string[] }).exported);
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

  it('lab view: the leaderboard downloads as CSV with its header row', async () => {
    await open(`#/lab?run=${fx.runId}`);
    await captureExports();
    await page.click('button[aria-label="Download Leaderboard as CSV"]');
    await until(async () => (await exported()).length > 0, 'the CSV export');
    const [csv] = await exported();
    const lines = csv!.split('\r\n');
    assert.equal(lines[0], '#,configuration,event F1,precision,recall,frame AUROC,frame AUPRC');
    assert.equal(lines.filter(Boolean).length, 4, 'the header and three configurations');
    assert.deepEqual(errors, []);
  });

  it('tokens and corpora: a token search lists places, the bigrams table fills, three corpora draw three series and the size-matched chart', async () => {
    await open('#/tokens?target=demo-events&reference=demo-speech&layer=3&find=1094&findLayer=3');
    await until(async () => (await page.$('[data-search="done"]')) !== null, 'the token search is done');
    assert.ok((await page.$$('ul[aria-label="Places of token 1094 on layer 3"] a')).length > 0);
    assert.ok((await page.$$('table[aria-label="Most frequent token pairs"] tbody tr')).length > 0);
    await open('#/corpora?compare=demo-audio,demo-events,demo-speech');
    assert.equal(await attribute('canvas[data-metric="entropyBits"]', 'data-series'), '3');
    assert.equal(await attribute('canvas[data-chart="matched-entropy"]', 'data-series'), '3');
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

  it('audio view: the waveform and spectrogram are drawn for the heatmap\'s window', async () => {
    await open(`#/audio/${fx.demoAudios[2]}`);
    await until(async () => (await attribute('.signal-panel', 'data-state')) === 'drawn', 'the waveform and spectrogram drawn');
    assert.equal(await attribute('.signal-panel', 'data-window-start'), await attribute('#view', 'data-window-start'));
    assert.ok(Number(await attribute('.signal-panel', 'data-columns')) > 500);
    assert.ok(Number(await attribute('.signal-panel', 'data-spectrogram-columns')) > 300);
    assert.deepEqual(errors, []);
  });

  it('audio view: the waveform and spectrogram download as well-formed SVG drawings', async () => {
    await open(`#/audio/${fx.demoAudios[2]}`);
    await until(async () => (await page.$('.stage + .exports button[aria-label="Download Spectrogram as SVG"]')) !== null, 'the signal panel\'s export buttons');
    await captureExports();
    await page.click('button[aria-label="Download Waveform as SVG"]');
    await page.click('button[aria-label="Download Spectrogram as SVG"]');
    await until(async () => (await exported()).length === 2, 'both SVG exports');
    const parsed = await page.evaluate((texts) => {
      const g = globalThis as unknown as { DOMParser: new () => { parseFromString(t: string, type: string): { documentElement: { nodeName: string }; getElementsByTagName(n: string): { length: number } } } };
      return texts.map((t) => {
        const doc = new g.DOMParser().parseFromString(t, 'image/svg+xml');
        return { root: doc.documentElement.nodeName, paths: doc.getElementsByTagName('path').length };
      });
    }, await exported());
    assert.deepEqual(parsed.map((p) => p.root), ['svg', 'svg'], 'Firefox parses both');
    assert.ok(parsed.every((p) => p.paths >= 2), `paths drawn: ${JSON.stringify(parsed)}`);
    assert.deepEqual(errors, []);
  });

  it('audio view: seeking the paused player moves the window, and the time goes to the address', async () => {
    const { long } = await addAudioViewAudios(fx);
    await open(`#/audio/${long}?zoom=250`);
    const state = () => page.evaluate(() => {
      const g = globalThis as unknown as { location: { hash: string }; document: { querySelector(s: string): { readyState?: number; getAttribute(a: string): string | null } | null } };
      return { readyState: g.document.querySelector('audio')?.readyState ?? 0, start: Number(g.document.querySelector('#view')?.getAttribute('data-window-start')), hash: g.location.hash };
    });
    await until(async () => (await state()).readyState >= 1, 'the audio element has its metadata');
    assert.equal((await state()).start, 0);
    await page.evaluate(() => void ((globalThis as unknown as { document: { querySelector(s: string): { currentTime: number } } }).document.querySelector('audio').currentTime = 50));
    await until(async () => (await state()).start > 0, 'the window to follow the seek');
    const s = (await state()).start;
    assert.ok(s <= 625 && 625 < s + 250, `frame 625 in [${s}, ${s + 250})`);
    await until(async () => (await state()).hash.includes('t=50.00'), 'the time in the address');
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

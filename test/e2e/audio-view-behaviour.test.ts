import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserMissing, collectErrors, launchChromium, screenshotDir, viewReady } from '../support/browser.js';
import type { PageGlobals } from '../support/browser.js';
import { startDashboardFixture } from '../support/dashboard-fixture.js';
import type { DashboardFixture } from '../support/dashboard-fixture.js';
import { dataOf, execute } from '../support/graphql.js';
import { addAudioViewAudios, LONG_SECONDS } from '../support/long-audio.js';
import type { AudioViewAudios } from '../support/long-audio.js';
import { parse } from 'graphql';

const skip = browserMissing();

interface MediaElement {
  currentTime: number;
  paused: boolean;
  readyState: number;
  play(): Promise<void>;
  pause(): void;
}
/** The page's audio element, inside functions run in the page (they cannot close over this module). */
type AudioDocument = { document: { querySelector(s: 'audio'): MediaElement } };

/** A digest of the heatmap's pixels (sampled), to tell two colourings apart. */
function heatmapDigest(page: Page): Promise<number[]> {
  interface Canvas2d {
    width: number;
    height: number;
    getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
  }
  return page.$eval('canvas[data-chart="heatmap"]', (el) => {
    const c = el as unknown as Canvas2d;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const out: number[] = [];
    for (let i = 0; i < d.length; i += 4 * 97) out.push(d[i]!, d[i + 1]!, d[i + 2]!);
    return out;
  });
}

/** Share of sampled values that differ between two digests. */
function differs(a: number[], b: number[]): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i]! - b[i]!) > 8) n++;
  return n / a.length;
}

describe('audio view behaviour in Chromium: seeking, the time in the address, labels, events, colours, overlays, unplayable audio', { skip: skip ?? false, timeout: 300_000 }, () => {
  let fx: DashboardFixture;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let shots: string;
  let audios: AudioViewAudios;
  let codesAudio: string;

  before(async () => {
    [fx, browser, shots] = await Promise.all([startDashboardFixture(), launchChromium(), screenshotDir()]);
    audios = await addAudioViewAudios(fx);
    const page1 = dataOf(await execute<{ audios: { nodes: { id: string }[] } }, Record<string, never>>(fx.t.app, parse('{ audios(corpus: "demo-speech", first: 1) { nodes { id } } }'), {}));
    codesAudio = page1.audios.nodes[0]!.id;
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
  const attr = async (selector: string, name: string) => (await page.getAttribute(selector, name))!;
  const position = async () => Number(await attr('#view', 'data-position'));
  const windowStart = async () => Number(await attr('#view', 'data-window-start'));
  const hashTime = () => page.evaluate(() => Number(new URLSearchParams((globalThis as unknown as PageGlobals).location.hash.split('?')[1] ?? '').get('t')));
  const metadata = () => page.waitForFunction(() => ((globalThis as unknown as PageGlobals).document.querySelector('audio')?.readyState ?? 0) >= 1, undefined, { timeout: 10_000 });

  it('moves the window when the player seeks while paused', async () => {
    await open(`#/audio/${audios.long}?zoom=250`);
    await metadata();
    assert.equal(await windowStart(), 0);
    assert.equal(await page.evaluate(() => (globalThis as unknown as AudioDocument).document.querySelector('audio').paused), true);
    // As the player's own seek bar does: set currentTime on the paused element.
    await page.evaluate(() => void ((globalThis as unknown as AudioDocument).document.querySelector('audio').currentTime = 50));
    await page.waitForFunction(() => Number((globalThis as unknown as { document: { querySelector(s: string): { getAttribute(a: string): string } } }).document.querySelector('#view').getAttribute('data-window-start')) > 0, undefined, { timeout: 5000 });
    const s = await windowStart();
    assert.ok(s <= 50 * 12.5 && 50 * 12.5 < s + 250, `frame 625 lies in the window [${s}, ${s + 250})`);
    assert.ok(Math.abs((await position()) - 50) < 0.05, `data-position ${await position()}`);
    assert.equal(await page.isHidden('.stage .cursor'), false, 'the cursor is in the window');
    assert.deepEqual(errors, []);
  });

  it('writes the playback time to the address, replacing the history entry, and a reload opens there', async () => {
    await open(`#/audio/${audios.long}?zoom=250&t=40`);
    await metadata();
    assert.ok(Math.abs((await position()) - 40) < 0.05, 'opens at t=40');
    const s = await windowStart();
    assert.ok(s <= 500 && 500 < s + 250, 'with 40 s in the window');
    const entries = await page.evaluate(() => (globalThis as unknown as { history: { length: number } }).history.length);
    await page.evaluate(() => void ((globalThis as unknown as AudioDocument).document.querySelector('audio').currentTime = 12.3));
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).location.hash.includes('t=12.30'), undefined, { timeout: 5000 });
    // Playing: the time keeps being written (at most once a second).
    await page.evaluate(() => (globalThis as unknown as AudioDocument).document.querySelector('audio').play());
    await page.waitForFunction(() => Number(new URLSearchParams((globalThis as unknown as PageGlobals).location.hash.split('?')[1]).get('t')) > 13, undefined, { timeout: 8000 });
    await page.evaluate(() => (globalThis as unknown as AudioDocument).document.querySelector('audio').pause());
    await page.waitForFunction(() => {
      const t = Number(new URLSearchParams((globalThis as unknown as PageGlobals).location.hash.split('?')[1]).get('t'));
      return Math.abs(t - (globalThis as unknown as { document: { querySelector(s: string): MediaElement } }).document.querySelector('audio').currentTime) < 0.01;
    }, undefined, { timeout: 3000 });
    const written = await hashTime();
    assert.equal(await page.evaluate(() => (globalThis as unknown as { history: { length: number } }).history.length), entries, 'no history entry was pushed');
    await page.reload();
    await viewReady(page);
    await metadata();
    assert.ok(Math.abs((await position()) - written) < 0.05, `reopened at ${await position()}, the address said ${written}`);
    const again = await windowStart();
    assert.ok(again <= written * 12.5 && written * 12.5 < again + 250);
    assert.deepEqual(errors, []);
  });

  it('writes each label\'s class on its span, cut with an ellipsis where the span is narrow', async () => {
    await open(`#/audio/${audios.long}?zoom=750`);
    const texts = await page.$$eval('.stage .span.label .span-text', (els) => els.map((e) => e.textContent));
    assert.deepEqual(texts, ['dog', 'siren']);
    await open(`#/audio/${audios.long}?zoom=250&from=50`);
    const cut = await page.$eval('.stage .span.label .span-text', (e) => {
      const el = e as unknown as { textContent: string; scrollWidth: number; clientWidth: number; ownerDocument: { defaultView: { getComputedStyle(x: unknown): { textOverflow: string } } } };
      return { text: el.textContent, overflows: el.scrollWidth > el.clientWidth, style: el.ownerDocument.defaultView.getComputedStyle(el).textOverflow };
    });
    assert.deepEqual(cut, { text: 'door_knock_with_a_long_class_name', overflows: true, style: 'ellipsis' });
    await page.screenshot({ path: join(shots, 'audio-view-label-text.png') });
    assert.deepEqual(errors, []);
  });

  it('marks the events table\'s rows inside the window and follows it as it pans', async () => {
    await open(`#/audio/${audios.long}?zoom=250&detector=keyLayerVariance&params=${encodeURIComponent('{}')}`);
    await page.waitForSelector('.events tr.in-window');
    const marked = () => page.$$eval('.events tbody tr.in-window', (trs) => trs.filter((tr) => tr.children[0]!.textContent === 'label').map((tr) => tr.children[3]!.textContent));
    assert.deepEqual(await marked(), ['dog']);
    await page.click('button[aria-label="later"]');
    await page.click('button[aria-label="later"]');
    await page.click('button[aria-label="later"]');
    await page.waitForFunction(() => Number((globalThis as unknown as { document: { querySelector(s: string): { getAttribute(a: string): string } } }).document.querySelector('#view').getAttribute('data-window-start')) >= 375);
    await page.waitForSelector('.events tr.in-window td:text-is("siren")', { timeout: 5000 });
    assert.deepEqual(await marked(), ['siren'], 'the window 30–50 s holds the siren');
    const box = await page.$eval('.events', (e) => {
      const el = e as unknown as { scrollTop: number; getBoundingClientRect(): { top: number; bottom: number }; querySelector(s: string): { getBoundingClientRect(): { top: number; bottom: number } } };
      const row = el.querySelector('tr.in-window').getBoundingClientRect();
      const outer = el.getBoundingClientRect();
      return { inside: row.top >= outer.top && row.bottom <= outer.bottom };
    });
    assert.ok(box.inside, 'the first marked row is scrolled into the table\'s box');
    assert.deepEqual(errors, []);
  });

  it('colours the heatmap by commonness, surprisal and embedding, each unlike token-id colouring, from the address too', async () => {
    await open(`#/audio/${audios.long}?zoom=250`);
    assert.equal(await attr('canvas[data-chart="heatmap"]', 'data-colour'), 'id');
    const digests: Record<string, number[]> = { id: await heatmapDigest(page) };
    for (const mode of ['commonness', 'surprisal', 'embedding']) {
      await page.selectOption('select[aria-label="colour the heatmap by"]', mode);
      await page.waitForSelector(`canvas[data-chart="heatmap"][data-colour="${mode}"]`);
      digests[mode] = await heatmapDigest(page);
      assert.match(page.url(), new RegExp(`colour=${mode}`));
      assert.match((await page.textContent('[data-legend="heatmap"]'))!, /^Colour: /);
      await page.screenshot({ path: join(shots, `audio-view-colour-${mode}.png`) });
    }
    const modes = Object.keys(digests);
    for (let i = 0; i < modes.length; i++) {
      for (let j = i + 1; j < modes.length; j++) assert.ok(differs(digests[modes[i]!]!, digests[modes[j]!]!) > 0.2, `${modes[i]} and ${modes[j]} colour the heatmap differently`);
    }
    // Another reference corpus: demo-audio, the same model.
    await page.selectOption('select[aria-label="colour the heatmap by"]', 'commonness');
    await page.waitForSelector('canvas[data-chart="heatmap"][data-colour="commonness"]');
    await page.selectOption('select[aria-label="reference corpus for commonness and surprisal"]', 'demo-audio');
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).location.hash.includes('ref=demo-audio'));
    await page.waitForFunction(() => ((globalThis as unknown as PageGlobals).document.querySelector('[data-legend="heatmap"]')?.textContent ?? '').includes('demo-audio'));
    await open(`#/audio/${audios.long}?zoom=250&colour=surprisal&ref=demo-audio`);
    assert.equal(await attr('canvas[data-chart="heatmap"]', 'data-colour'), 'surprisal');
    assert.equal(await page.$eval('select[aria-label="reference corpus for commonness and surprisal"]', (s) => (s as unknown as { value: string }).value), 'demo-audio');
    assert.deepEqual(errors, []);
  });

  it('summarises frames per pixel column when the window holds more frames than columns, and says so', async () => {
    await page.setViewportSize({ width: 640, height: 800 });
    await open(`#/audio/${audios.long}?zoom=3750&colour=commonness`);
    const frames = Number(await attr('canvas[data-chart="heatmap"]', 'data-frames'));
    const columns = Number(await attr('canvas[data-chart="heatmap"]', 'data-columns'));
    assert.equal(frames, Math.round(LONG_SECONDS * 12.5), 'every frame is drawn');
    assert.ok(columns < frames, `${columns} columns for ${frames} frames`);
    assert.match((await page.textContent('[data-legend="heatmap"]'))!, /each pixel column summarises about \d+ frames: the mean commonness of the column/);
    await page.selectOption('select[aria-label="colour the heatmap by"]', 'id');
    await page.waitForSelector('canvas[data-chart="heatmap"][data-colour="id"]');
    assert.match((await page.textContent('[data-legend="heatmap"]'))!, /the most common token of the column/);
    assert.deepEqual(errors, []);
  });

  it('draws a second and a third detector\'s curves over the first, in their own colours, with a legend', async () => {
    await open(`#/audio/${audios.long}?zoom=750`);
    assert.equal(await attr('canvas[data-chart="scores"]', 'data-series'), '2');
    await page.click('.overlay-details summary');
    await page.click('text=+ overlay a detector');
    await page.selectOption('select[aria-label="overlay detector 2"]', 'interLayerSpread');
    await page.click('text=Draw overlays');
    await page.waitForSelector('canvas[data-chart="scores"][data-overlays="1"]');
    await page.click('text=+ overlay a detector');
    await page.selectOption('select[aria-label="overlay detector 3"]', 'tokenSurprisal');
    await page.fill('input[aria-label="overlay detector 3 parameters (JSON)"]', '{"reference":"demo-audio"}');
    await page.click('text=Draw overlays');
    await page.waitForSelector('canvas[data-chart="scores"][data-overlays="2"]');
    assert.equal(await attr('canvas[data-chart="scores"]', 'data-series'), '4', 'score, threshold and two overlays');
    const coloured = await page.$eval('canvas[data-chart="scores"]', (el) => {
      const c = el as unknown as { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      const near = (i: number, r: number, g: number, b: number) => Math.abs(d[i]! - r) + Math.abs(d[i + 1]! - g) + Math.abs(d[i + 2]! - b) < 40 && d[i + 3]! > 200;
      let green = 0;
      let purple = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (near(i, 0x1b, 0x9e, 0x77)) green++;
        if (near(i, 0x7b, 0x3f, 0xbf)) purple++;
      }
      return { green, purple };
    });
    assert.ok(coloured.green > 100 && coloured.purple > 100, `both overlay colours drawn: ${JSON.stringify(coloured)}`);
    assert.match(page.url(), /overlays=/);
    await page.screenshot({ path: join(shots, 'audio-view-overlays.png') });
    // The address carries them: a reload draws both again.
    await page.reload();
    await viewReady(page);
    await page.waitForSelector('canvas[data-chart="scores"][data-overlays="2"]');
    assert.deepEqual(errors, []);
  });

  it('shows why an audio cannot be played in place of the player', async () => {
    await open(`#/audio/${audios.missing}`);
    assert.equal(await page.$('audio'), null);
    assert.equal(await attr('.media-unavailable', 'data-reason'), 'FILE_MISSING');
    assert.match((await page.textContent('.media-unavailable'))!, /its file is no longer where it was ingested from/);
    await open(`#/audio/${codesAudio}`);
    assert.equal(await attr('.media-unavailable', 'data-reason'), 'CODES_ONLY');
    assert.deepEqual(errors, []);
  });

  it('has no serious or critical accessibility violations (axe-core) with colours, overlays and the events table', async () => {
    const bypass = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    const p = await bypass.newPage();
    const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const found: string[] = [];
    try {
      const overlays = encodeURIComponent(JSON.stringify([{ name: 'interLayerSpread', params: {} }]));
      for (const hash of [`#/audio/${audios.long}?zoom=250&colour=commonness&overlays=${overlays}`, `#/audio/${audios.missing}`]) {
        await p.goto(`${fx.base}${hash}`);
        await p.waitForSelector('#view[data-ready="true"]', { timeout: 20_000 });
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

if (skip) console.log(`# audio view behaviour tests skipped: ${skip}`);

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { browserMissing, viewReady } from '../support/browser.js';
import type { PageGlobals } from '../support/browser.js';
import { useDashboardBrowser } from '../support/dashboard-browser.js';
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
  const h = useDashboardBrowser();

  let audios: AudioViewAudios;
  let codesAudio: string;

  before(async () => {
    audios = await addAudioViewAudios(h.fx);
    const page1 = dataOf(await execute<{ audios: { nodes: { id: string }[] } }, Record<string, never>>(h.fx.t.app, parse('{ audios(corpus: "demo-speech", first: 1) { nodes { id } } }'), {}));
    codesAudio = page1.audios.nodes[0]!.id;
  });

  const attr = async (selector: string, name: string) => (await h.page.getAttribute(selector, name))!;
  const position = async () => Number(await attr('#view', 'data-position'));
  const windowStart = async () => Number(await attr('#view', 'data-window-start'));
  const hashTime = () => h.page.evaluate(() => Number(new URLSearchParams((globalThis as unknown as PageGlobals).location.hash.split('?')[1] ?? '').get('t')));
  const metadata = () => h.page.waitForFunction(() => ((globalThis as unknown as PageGlobals).document.querySelector('audio')?.readyState ?? 0) >= 1, undefined, { timeout: 10_000 });

  it('moves the window when the player seeks while paused', async () => {
    await h.open(`#/audio/${audios.long}?zoom=250`);
    await metadata();
    assert.equal(await windowStart(), 0);
    assert.equal(await h.page.evaluate(() => (globalThis as unknown as AudioDocument).document.querySelector('audio').paused), true);
    // As the player's own seek bar does: set currentTime on the paused element.
    await h.page.evaluate(() => void ((globalThis as unknown as AudioDocument).document.querySelector('audio').currentTime = 50));
    await h.page.waitForFunction(() => Number((globalThis as unknown as { document: { querySelector(s: string): { getAttribute(a: string): string } } }).document.querySelector('#view').getAttribute('data-window-start')) > 0, undefined, { timeout: 5000 });
    const s = await windowStart();
    assert.ok(s <= 50 * 12.5 && 50 * 12.5 < s + 250, `frame 625 lies in the window [${s}, ${s + 250})`);
    assert.ok(Math.abs((await position()) - 50) < 0.05, `data-position ${await position()}`);
    assert.equal(await h.page.isHidden('.stage .cursor'), false, 'the cursor is in the window');
    assert.deepEqual(h.errors, []);
  });

  it('writes the playback time to the address, replacing the history entry, and a reload opens there', async () => {
    await h.open(`#/audio/${audios.long}?zoom=250&t=40`);
    await metadata();
    assert.ok(Math.abs((await position()) - 40) < 0.05, 'opens at t=40');
    const s = await windowStart();
    assert.ok(s <= 500 && 500 < s + 250, 'with 40 s in the window');
    const entries = await h.page.evaluate(() => (globalThis as unknown as { history: { length: number } }).history.length);
    await h.page.evaluate(() => void ((globalThis as unknown as AudioDocument).document.querySelector('audio').currentTime = 12.3));
    await h.page.waitForFunction(() => (globalThis as unknown as PageGlobals).location.hash.includes('t=12.30'), undefined, { timeout: 5000 });
    // Playing: the time keeps being written (at most once a second).
    await h.page.evaluate(() => (globalThis as unknown as AudioDocument).document.querySelector('audio').play());
    await h.page.waitForFunction(() => Number(new URLSearchParams((globalThis as unknown as PageGlobals).location.hash.split('?')[1]).get('t')) > 13, undefined, { timeout: 8000 });
    await h.page.evaluate(() => (globalThis as unknown as AudioDocument).document.querySelector('audio').pause());
    await h.page.waitForFunction(() => {
      const t = Number(new URLSearchParams((globalThis as unknown as PageGlobals).location.hash.split('?')[1]).get('t'));
      return Math.abs(t - (globalThis as unknown as { document: { querySelector(s: string): MediaElement } }).document.querySelector('audio').currentTime) < 0.01;
    }, undefined, { timeout: 3000 });
    const written = await hashTime();
    assert.equal(await h.page.evaluate(() => (globalThis as unknown as { history: { length: number } }).history.length), entries, 'no history entry was pushed');
    await h.page.reload();
    await viewReady(h.page);
    await metadata();
    assert.ok(Math.abs((await position()) - written) < 0.05, `reopened at ${await position()}, the address said ${written}`);
    const again = await windowStart();
    assert.ok(again <= written * 12.5 && written * 12.5 < again + 250);
    assert.deepEqual(h.errors, []);
  });

  it('writes each label\'s class on its span, cut with an ellipsis where the span is narrow', async () => {
    await h.open(`#/audio/${audios.long}?zoom=750`);
    const texts = await h.page.$$eval('.stage .span.label .span-text', (els) => els.map((e) => e.textContent));
    assert.deepEqual(texts, ['dog', 'siren']);
    await h.open(`#/audio/${audios.long}?zoom=250&from=50`);
    const cut = await h.page.$eval('.stage .span.label .span-text', (e) => {
      const el = e as unknown as { textContent: string; scrollWidth: number; clientWidth: number; ownerDocument: { defaultView: { getComputedStyle(x: unknown): { textOverflow: string } } } };
      return { text: el.textContent, overflows: el.scrollWidth > el.clientWidth, style: el.ownerDocument.defaultView.getComputedStyle(el).textOverflow };
    });
    assert.deepEqual(cut, { text: 'door_knock_with_a_long_class_name', overflows: true, style: 'ellipsis' });
    await h.page.screenshot({ path: join(h.shots, 'audio-view-label-text.png') });
    assert.deepEqual(h.errors, []);
  });

  it('marks the events table\'s rows inside the window and follows it as it pans', async () => {
    await h.open(`#/audio/${audios.long}?zoom=250&detector=keyLayerVariance&params=${encodeURIComponent('{}')}`);
    await h.page.waitForSelector('.events tr.in-window');
    const marked = () => h.page.$$eval('.events tbody tr.in-window', (trs) => trs.filter((tr) => tr.children[0]!.textContent === 'label').map((tr) => tr.children[3]!.textContent));
    assert.deepEqual(await marked(), ['dog']);
    await h.page.click('button[aria-label="later"]');
    await h.page.click('button[aria-label="later"]');
    await h.page.click('button[aria-label="later"]');
    await h.page.waitForFunction(() => Number((globalThis as unknown as { document: { querySelector(s: string): { getAttribute(a: string): string } } }).document.querySelector('#view').getAttribute('data-window-start')) >= 375);
    await h.page.waitForSelector('.events tr.in-window td:text-is("siren")', { timeout: 5000 });
    assert.deepEqual(await marked(), ['siren'], 'the window 30–50 s holds the siren');
    const box = await h.page.$eval('.events', (e) => {
      const el = e as unknown as { scrollTop: number; getBoundingClientRect(): { top: number; bottom: number }; querySelector(s: string): { getBoundingClientRect(): { top: number; bottom: number } } };
      const row = el.querySelector('tr.in-window').getBoundingClientRect();
      const outer = el.getBoundingClientRect();
      return { inside: row.top >= outer.top && row.bottom <= outer.bottom };
    });
    assert.ok(box.inside, 'the first marked row is scrolled into the table\'s box');
    assert.deepEqual(h.errors, []);
  });

  it('colours the heatmap by commonness, surprisal and embedding, each unlike token-id colouring, from the address too', async () => {
    await h.open(`#/audio/${audios.long}?zoom=250`);
    assert.equal(await attr('canvas[data-chart="heatmap"]', 'data-colour'), 'id');
    const digests: Record<string, number[]> = { id: await heatmapDigest(h.page) };
    for (const mode of ['commonness', 'surprisal', 'embedding']) {
      await h.page.selectOption('select[aria-label="colour the heatmap by"]', mode);
      await h.page.waitForSelector(`canvas[data-chart="heatmap"][data-colour="${mode}"]`);
      digests[mode] = await heatmapDigest(h.page);
      assert.match(h.page.url(), new RegExp(`colour=${mode}`));
      assert.match((await h.page.textContent('[data-legend="heatmap"]'))!, /^Colour: /);
      await h.page.screenshot({ path: join(h.shots, `audio-view-colour-${mode}.png`) });
    }
    const modes = Object.keys(digests);
    for (let i = 0; i < modes.length; i++) {
      for (let j = i + 1; j < modes.length; j++) assert.ok(differs(digests[modes[i]!]!, digests[modes[j]!]!) > 0.2, `${modes[i]} and ${modes[j]} colour the heatmap differently`);
    }
    // Another reference corpus: demo-audio, the same model.
    await h.page.selectOption('select[aria-label="colour the heatmap by"]', 'commonness');
    await h.page.waitForSelector('canvas[data-chart="heatmap"][data-colour="commonness"]');
    await h.page.selectOption('select[aria-label="reference corpus for commonness and surprisal"]', 'demo-audio');
    await h.page.waitForFunction(() => (globalThis as unknown as PageGlobals).location.hash.includes('ref=demo-audio'));
    await h.page.waitForFunction(() => ((globalThis as unknown as PageGlobals).document.querySelector('[data-legend="heatmap"]')?.textContent ?? '').includes('demo-audio'));
    await h.open(`#/audio/${audios.long}?zoom=250&colour=surprisal&ref=demo-audio`);
    assert.equal(await attr('canvas[data-chart="heatmap"]', 'data-colour'), 'surprisal');
    assert.equal(await h.page.$eval('select[aria-label="reference corpus for commonness and surprisal"]', (s) => (s as unknown as { value: string }).value), 'demo-audio');
    assert.deepEqual(h.errors, []);
  });

  it('summarises frames per pixel column when the window holds more frames than columns, and says so', async () => {
    await h.page.setViewportSize({ width: 640, height: 800 });
    await h.open(`#/audio/${audios.long}?zoom=3750&colour=commonness`);
    const frames = Number(await attr('canvas[data-chart="heatmap"]', 'data-frames'));
    const columns = Number(await attr('canvas[data-chart="heatmap"]', 'data-columns'));
    assert.equal(frames, Math.round(LONG_SECONDS * 12.5), 'every frame is drawn');
    assert.ok(columns < frames, `${columns} columns for ${frames} frames`);
    assert.match((await h.page.textContent('[data-legend="heatmap"]'))!, /each pixel column summarises about \d+ frames: the mean commonness of the column/);
    await h.page.selectOption('select[aria-label="colour the heatmap by"]', 'id');
    await h.page.waitForSelector('canvas[data-chart="heatmap"][data-colour="id"]');
    assert.match((await h.page.textContent('[data-legend="heatmap"]'))!, /the most common token of the column/);
    assert.deepEqual(h.errors, []);
  });

  it('draws a second and a third detector\'s curves over the first, in their own colours, with a legend', async () => {
    await h.open(`#/audio/${audios.long}?zoom=750`);
    assert.equal(await attr('canvas[data-chart="scores"]', 'data-series'), '2');
    await h.page.click('.overlay-details summary');
    await h.page.click('text=+ overlay a detector');
    await h.page.selectOption('select[aria-label="overlay detector 2"]', 'interLayerSpread');
    await h.page.click('text=Draw overlays');
    await h.page.waitForSelector('canvas[data-chart="scores"][data-overlays="1"]');
    await h.page.click('text=+ overlay a detector');
    await h.page.selectOption('select[aria-label="overlay detector 3"]', 'tokenSurprisal');
    await h.page.fill('input[aria-label="overlay detector 3 parameters (JSON)"]', '{"reference":"demo-audio"}');
    await h.page.click('text=Draw overlays');
    await h.page.waitForSelector('canvas[data-chart="scores"][data-overlays="2"]');
    assert.equal(await attr('canvas[data-chart="scores"]', 'data-series'), '4', 'score, threshold and two overlays');
    const coloured = await h.page.$eval('canvas[data-chart="scores"]', (el) => {
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
    assert.match(h.page.url(), /overlays=/);
    await h.page.screenshot({ path: join(h.shots, 'audio-view-overlays.png') });
    // The address carries them: a reload draws both again.
    await h.page.reload();
    await viewReady(h.page);
    await h.page.waitForSelector('canvas[data-chart="scores"][data-overlays="2"]');
    assert.deepEqual(h.errors, []);
  });

  it('shows why an audio\'s original cannot be played, and plays its reconstruction only', async () => {
    await h.open(`#/audio/${audios.missing}`);
    // The codes are stored, so the reconstruction plays; the toggle to the original is disabled.
    assert.equal(await attr('.ab-player', 'data-side'), 'reconstruction');
    assert.match((await h.page.getAttribute('audio', 'src'))!, new RegExp(`^/media/reconstruction/${audios.missing}$`));
    assert.equal(await h.page.isDisabled('.ab-toggle'), true);
    assert.equal(await attr('.media-unavailable', 'data-reason'), 'FILE_MISSING');
    assert.match((await h.page.textContent('.media-unavailable'))!, /its file is no longer where it was ingested from/);
    await h.open(`#/audio/${codesAudio}`);
    assert.equal(await attr('.media-unavailable', 'data-reason'), 'CODES_ONLY');
    assert.deepEqual(h.errors, []);
  });

  it('has no serious or critical accessibility violations (axe-core) with colours, overlays and the events table', async () => {
    const { page: p } = await h.newPage({ bypassCSP: true });
    const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const found: string[] = [];
    const overlays = encodeURIComponent(JSON.stringify([{ name: 'interLayerSpread', params: {} }]));
    for (const hash of [`#/audio/${audios.long}?zoom=250&colour=commonness&overlays=${overlays}`, `#/audio/${audios.missing}`]) {
      await p.goto(`${h.fx.base}${hash}`);
      await p.waitForSelector('#view[data-ready="true"]', { timeout: 20_000 });
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

if (skip) console.log(`# audio view behaviour tests skipped: ${skip}`);

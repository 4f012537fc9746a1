import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { browserMissing, viewReady } from '../support/browser.js';
import { useDashboardBrowser } from '../support/dashboard-browser.js';

const skip = browserMissing();

/** Relative luminance (WCAG) of a CSS `rgb(r, g, b)` colour. */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The page's background colour and the chart text colour its theme asks for, as the browser computes them. */
function themeOf(page: Page): Promise<{ background: string; muted: string }> {
  return page.evaluate(() => {
    const g = globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string; getPropertyValue(n: string): string }; document: { body: unknown; documentElement: unknown } };
    return { background: g.getComputedStyle(g.document.body).backgroundColor === 'rgba(0, 0, 0, 0)' ? g.getComputedStyle(g.document.documentElement).backgroundColor : g.getComputedStyle(g.document.body).backgroundColor, muted: g.getComputedStyle(g.document.documentElement).getPropertyValue('--muted').trim() };
  });
}

/** Pixels of a canvas within 24 of `hex` (#rrggbb) in every channel, fully opaque: how much is drawn in that colour. */
function pixelsNear(page: Page, selector: string, hex: string): Promise<number> {
  return page.$eval(
    selector,
    (el, want) => {
      const canvas = el as unknown as { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
      const rgb = [1, 3, 5].map((i) => parseInt(want.slice(i, i + 2), 16));
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 250 && rgb.every((v, k) => Math.abs(data[i + k]! - v) <= 24)) n++;
      return n;
    },
    hex,
  );
}

describe('dashboard colour schemes in Chromium', { skip: skip ?? false, timeout: 300_000 }, () => {
  const h = useDashboardBrowser({ pagePerTest: false });
  let axeSource: string;

  before(async () => {
    axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  });

  const views = () => ['#/corpora?compare=demo-audio,demo-events', '#/tokens?target=demo-events&reference=demo-speech', `#/audio/${h.fx.demoAudios[0]}`, '#/upload', `#/lab?run=${h.fx.runId}`];

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`follows prefers-color-scheme: ${colorScheme}: the page background is ${colorScheme}, and axe finds no colour-contrast violation in any view`, async () => {
      // axe is injected as a script, which the dashboard's CSP forbids: a context that bypasses it, for this check only.
      const { page, errors } = await h.newPage({ colorScheme, bypassCSP: true });
      const found: string[] = [];
      for (const hash of views()) {
        await page.goto(`${h.fx.base}${hash}`);
        await viewReady(page);
        const { background } = await themeOf(page);
        if (colorScheme === 'dark') assert.ok(luminance(background) < 0.02, `${hash}: a dark background, got ${background}`);
        else assert.ok(luminance(background) > 0.9, `${hash}: a light background, got ${background}`);
        await page.addScriptTag({ content: axeSource });
        const violations = await page.evaluate(async () => {
          const axe = (globalThis as unknown as { axe: { run(o: unknown): Promise<{ violations: { id: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
          return (await axe.run({ runOnly: ['color-contrast'] })).violations.flatMap((v) => v.nodes.map((n) => `${v.id} at ${JSON.stringify(n.target)}: ${(n.failureSummary ?? '').split('\n')[1]?.trim()}`));
        });
        found.push(...violations.map((v) => `${hash}: ${v}`));
        await page.screenshot({ path: join(h.shots, `${colorScheme}-${hash.split(/[/?]/)[1]}.png`), fullPage: true });
      }
      assert.deepEqual(found, []);
      assert.deepEqual(errors, []);
    });
  }

  it("draws the charts' axis text in the dark scheme's own text colour", async () => {
    const { page } = await h.newPage({ colorScheme: 'dark' });
    await page.goto(`${h.fx.base}#/corpora?compare=demo-audio,demo-events`);
    await viewReady(page);
    const { muted } = await themeOf(page);
    assert.equal(muted, '#a9b1bf');
    const light = await pixelsNear(page, 'canvas[data-metric="variance"]', muted);
    assert.ok(light > 200, `axis labels and ticks are drawn in the light text colour: ${light} pixels`);
  });

  it("exports a chart's PNG on the dark scheme's surface, not on white", async () => {
    const { page } = await h.newPage({ colorScheme: 'dark', acceptDownloads: true });
    await page.goto(`${h.fx.base}#/corpora?compare=demo-audio,demo-events`);
    await viewReady(page);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), page.click('button[aria-label^="Download Token variance by layer"][data-export="png"]')]);
    const bytes = await readFile((await download.path())!);
    // The top-left pixel (chart padding, nothing drawn there) as the browser decodes the file.
    const corner = await page.evaluate(async (b64) => {
      const g = globalThis as unknown as { atob(s: string): string; createImageBitmap(b: unknown): Promise<unknown>; document: { createElement(t: string): { width: number; height: number; getContext(k: string): { drawImage(i: unknown, x: number, y: number): void; getImageData(x: number, y: number, w: number, hh: number): { data: Uint8ClampedArray } } } }; Blob: new (parts: unknown[], o: object) => unknown };
      const raw = Uint8Array.from(g.atob(b64), (c) => c.charCodeAt(0));
      const bitmap = await g.createImageBitmap(new g.Blob([raw], { type: 'image/png' }));
      const canvas = g.document.createElement('canvas');
      canvas.width = 4;
      canvas.height = 4;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(bitmap, 0, 0);
      return [...ctx.getImageData(0, 0, 1, 1).data.slice(0, 3)];
    }, bytes.toString('base64'));
    assert.deepEqual(corner, [0x1c, 0x20, 0x29], 'the dark --surface (#1c2029)');
  });
});

if (skip) console.log(`# colour scheme end-to-end tests skipped: ${skip}`);

import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { repoRoot } from './paths.js';

/** Debian's Chromium (installed by .ci/run), or $TOKENSCOPE_CHROMIUM. */
export function chromiumPath(): string | null {
  const candidates = [process.env['TOKENSCOPE_CHROMIUM'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
  return candidates.find((p) => existsSync(p)) ?? null;
}

/** Debian's Firefox ESR (installed by .ci/run), or $TOKENSCOPE_FIREFOX. */
export function firefoxPath(): string | null {
  const candidates = [process.env['TOKENSCOPE_FIREFOX'], '/usr/bin/firefox-esr', '/usr/bin/firefox'].filter((p): p is string => Boolean(p));
  return candidates.find((p) => existsSync(p)) ?? null;
}

/**
 * Why a browser's tests cannot run here, or null when they can. With TOKENSCOPE_REQUIRE_BROWSER=1
 * (set by .ci/run) a missing browser is an error, so CI never passes by skipping them.
 */
export function browserMissing(browser: 'chromium' | 'firefox' = 'chromium'): string | null {
  if (browser === 'chromium' ? chromiumPath() : firefoxPath()) return null;
  const why = browser === 'chromium' ? 'no Chromium at /usr/bin/chromium (apt-get install chromium) or $TOKENSCOPE_CHROMIUM' : 'no Firefox at /usr/bin/firefox-esr (apt-get install firefox-esr) or $TOKENSCOPE_FIREFOX';
  if (process.env['TOKENSCOPE_REQUIRE_BROWSER'] === '1') throw new Error(`TOKENSCOPE_REQUIRE_BROWSER=1 but ${why}`);
  return why;
}

/** Headless Chromium with the flags this closed network needs (no background connections). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath()!,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required', '--mute-audio'],
  });
}

/** Folder the end-to-end tests write their screenshots to. */
export async function screenshotDir(): Promise<string> {
  const dir = join(repoRoot(), 'test-output', 'dashboard');
  await mkdir(dir, { recursive: true });
  return dir;
}

/**
 * The little of a page's globals the tests read, typed here because the tests compile without the
 * DOM's types. Use as `(globalThis as unknown as PageGlobals)` inside functions run in the page
 * (the dashboard's CSP forbids string evaluation, so such checks must be functions).
 */
export interface PageGlobals {
  document: { querySelector(selector: string): { currentTime?: number; readyState?: number; textContent: string | null } | null };
  location: { hash: string };
  navigator: { clipboard: { readText(): Promise<string> } };
}

/** Console errors and uncaught exceptions of a page, collected from now on. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  return errors;
}

/** Waits until the view has loaded what it shows (data-ready="true" on #view). */
export async function viewReady(page: Page, timeout = 20_000): Promise<void> {
  await page.waitForSelector('#view[data-ready="true"]', { timeout });
}

/** How many pixels of a canvas are not fully transparent. */
export function paintedPixels(page: Page, selector: string): Promise<number> {
  interface Canvas2d {
    width: number;
    height: number;
    getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
  }
  return page.$eval(selector, (el) => {
    const canvas = el as unknown as Canvas2d;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });
}

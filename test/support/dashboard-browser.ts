import { join } from 'node:path';
import { after, afterEach, before, beforeEach } from 'node:test';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { collectErrors, launchChromium, screenshotDir, viewReady } from './browser.js';
import { startDashboardFixture } from './dashboard-fixture.js';
import type { DashboardFixture } from './dashboard-fixture.js';

/** The window every end-to-end test's page has unless it asks otherwise, CSS pixels. */
export const VIEWPORT = { width: 1280, height: 800 } as const;

/** What a suite's browser harness sets up. */
export interface DashboardBrowserOptions {
  /** Serve the dashboard fixture (startDashboardFixture) for the suite; default true. False where the suite serves its own app. */
  fixture?: boolean;
  /** A fresh context and page for each test; default true. False where each test opens its own (newPage). */
  pagePerTest?: boolean;
  /** Whether each test's context downloads files (page.waitForEvent('download')); Playwright's default when left out. */
  acceptDownloads?: boolean;
  /** Permissions granted to each test's context, e.g. clipboard-read. */
  permissions?: string[];
}

/** A page of its own with the console errors it logs. */
export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** The suite's browser, fixture and the current test's page, read through getters once the hooks have run. */
export interface DashboardBrowser {
  readonly fx: DashboardFixture;
  readonly browser: Browser;
  /** The current test's context, page and the console errors and uncaught exceptions of that page. */
  readonly context: BrowserContext;
  readonly page: Page;
  readonly errors: string[];
  /** Folder of the screenshots. */
  readonly shots: string;
  /** Opens `hash` of the fixture's dashboard on the test's page and waits until the view has loaded. */
  open(hash: string): Promise<void>;
  /** A full-page screenshot of the test's page as `<shots>/<name>.png`. */
  shoot(name: string): Promise<void>;
  /** Another context (VIEWPORT unless `options` says otherwise) and page, closed after the test. */
  newPage(options?: BrowserContextOptions): Promise<OpenedPage>;
}

/**
 * The before/after hooks every Chromium end-to-end suite needs, registered in the calling
 * describe(): the fixture (unless `fixture: false`), one headless Chromium and the screenshot folder
 * before the suite, closed after it; a fresh VIEWPORT-sized context and page per test with its
 * errors collected (unless `pagePerTest: false`), closed after the test with every page newPage
 * opened. A suite's own before() hooks registered after this call run after these.
 */
export function useDashboardBrowser(options: DashboardBrowserOptions = {}): DashboardBrowser {
  const { fixture = true, pagePerTest = true } = options;
  let fx: DashboardFixture | undefined;
  let browser: Browser | undefined;
  let shots = '';
  let current: OpenedPage | undefined;
  const opened: BrowserContext[] = [];
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`useDashboardBrowser: ${what}`);
    return value;
  };
  const newPage = async (contextOptions: BrowserContextOptions = {}): Promise<OpenedPage> => {
    const context = await need(browser, 'no browser before the suite started').newContext({ viewport: VIEWPORT, ...contextOptions });
    opened.push(context);
    const page = await context.newPage();
    return { context, page, errors: collectErrors(page) };
  };

  before(async () => {
    [fx, browser, shots] = await Promise.all([fixture ? startDashboardFixture() : Promise.resolve(undefined), launchChromium(), screenshotDir()]);
  });
  after(async () => {
    await browser?.close();
    await fx?.close();
  });
  if (pagePerTest) {
    const { acceptDownloads, permissions } = options;
    beforeEach(async () => {
      current = await newPage({ ...(acceptDownloads === undefined ? {} : { acceptDownloads }), ...(permissions ? { permissions } : {}) });
    });
  }
  afterEach(async () => {
    current = undefined;
    await Promise.all(opened.splice(0).map((c) => c.close()));
  });

  const harness: DashboardBrowser = {
    get fx() {
      return need(fx, fixture ? 'the fixture is read before the suite started' : 'this suite has no fixture (fixture: false)');
    },
    get browser() {
      return need(browser, 'the browser is read before the suite started');
    },
    get context() {
      return need(current, pagePerTest ? 'no page outside a test' : 'no page per test (pagePerTest: false): use newPage()').context;
    },
    get page() {
      return need(current, pagePerTest ? 'no page outside a test' : 'no page per test (pagePerTest: false): use newPage()').page;
    },
    get errors() {
      return need(current, pagePerTest ? 'no page outside a test' : 'no page per test (pagePerTest: false): use newPage()').errors;
    },
    get shots() {
      return shots;
    },
    open: async (hash) => {
      await harness.page.goto(`${harness.fx.base}${hash}`);
      await viewReady(harness.page);
    },
    shoot: async (name) => {
      await harness.page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
    },
    newPage,
  };
  return harness;
}
